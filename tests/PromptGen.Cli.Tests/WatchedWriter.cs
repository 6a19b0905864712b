using System.Text;

namespace PromptGen.Cli.Tests;

/// <summary>A thread-safe text sink that completes a task when a given text has been written: no polling, no sleeps.</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(string Text, TaskCompletionSource Done)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        List<TaskCompletionSource> release = [];
        lock (_gate)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var text = _text.ToString();
                _waiters.RemoveAll(w => text.Contains(w.Text, StringComparison.Ordinal) && Add(release, w.Done));
            }
        }

        release.ForEach(done => done.TrySetResult());
    }

    public Task WaitForAsync(string text, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_text.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    private static bool Add(List<TaskCompletionSource> list, TaskCompletionSource item)
    {
        list.Add(item);
        return true;
    }
}
