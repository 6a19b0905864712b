using System.Runtime.InteropServices;

namespace PromptGen.Cli.Tests;

/// <summary>
/// Waits for a process that is not our child to end, without polling: a Linux pidfd becomes readable when the process
/// terminates (also when it is left a zombie by a parent that does not reap).
/// </summary>
internal static partial class ProcessExit
{
    private const long PidfdOpen = 434;
    private const short PollIn = 0x1;

    /// <summary>Returns whether process <paramref name="pid"/> ended within <paramref name="timeout"/>.</summary>
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var fd = (int)Syscall(PidfdOpen, pid, 0);
        if (fd < 0)
        {
            // ESRCH: it is already gone.
            return Marshal.GetLastPInvokeError() == 3 ? true : throw new InvalidOperationException($"pidfd_open({pid}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            var poll = new PollFd { Fd = fd, Events = PollIn };
            return Poll(ref poll, 1, (int)timeout.TotalMilliseconds) > 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; 0 on success.</summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, ulong count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
