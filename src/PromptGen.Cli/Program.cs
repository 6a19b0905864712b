using System.Runtime.InteropServices;
using System.Text;
using PromptGen.Cli;

// Only the console wiring lives here; everything else is in CliApplication so tests can run it in-process.
Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();

// Ctrl+C (SIGINT) and SIGTERM (kill, docker stop) stop the command cleanly; a second Ctrl+C kills the process as usual.
void Stop(PosixSignalContext context)
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

return await CliApplication.RunAsync(args, Console.In, Console.Out, Console.Error, cancellation.Token);
