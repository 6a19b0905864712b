using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace PromptGen;

/// <summary>
/// The files of one recording directory. Recording rewrites a request's file after each exchange (a crash loses nothing
/// finished); replaying loads and checks every file up front and serves a request's exchanges in the order they were
/// recorded, so a case that asked the same thing three times gets the three answers it got.
/// </summary>
internal sealed class RecordingStore
{
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RecordingFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);

    private RecordingStore(string directory) => _directory = directory;

    public string Directory => _directory;

    public static RecordingStore ForRecording(string directory)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new PromptConfigurationException($"Cannot create the recording directory '{directory}': {error.Message}. Choose a writable directory (PromptGen:Recording:Directory or --record).");
        }

        return new RecordingStore(directory);
    }

    public static RecordingStore ForReplay(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new PromptConfigurationException($"The recording directory '{directory}' does not exist, so nothing can be replayed. Record first (PromptGen:Recording:Mode=Record, or promptgen test --record <dir>), or fix the path.");
        }

        var store = new RecordingStore(directory);
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            RecordingFile file;
            try
            {
                file = RecordingFile.Parse(path, File.ReadAllText(path));
            }
            catch (Exception error) when (error is FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
                throw new PromptConfigurationException($"The recording '{path}' cannot be replayed: {error.Message}. Fix the file (see docs/recording.md) or record again.");
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new PromptConfigurationException($"The recording '{path}' cannot be read: {error.Message}.");
            }

            if (store._files.TryGetValue(file.Fingerprint, out var twin))
            {
                throw new PromptConfigurationException($"The recordings '{twin.Path}' and '{path}' hold the same request (fingerprint {file.Fingerprint[..16]}…); delete one.");
            }

            store._files[file.Fingerprint] = file;
        }

        return store;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _files.Count;
            }
        }
    }

    /// <summary>Adds an exchange to its request's file and rewrites the file. The first exchange of a run replaces what an earlier recording held.</summary>
    public void Append(string fingerprint, string? scope, string model, JsonObject request, JsonObject exchange)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(fingerprint, out var file))
            {
                file = new RecordingFile(Path.Combine(_directory, FileName(scope, model, fingerprint)), fingerprint, scope, model, request, []);
                _files[fingerprint] = file;
            }

            file.Exchanges.Add(exchange);
            var temporary = file.Path + ".tmp";
            File.WriteAllText(temporary, file.ToJson().ToJsonString(RecordingFormat.Pretty) + "\n", new UTF8Encoding(false));
            File.Move(temporary, file.Path, overwrite: true);
        }
    }

    /// <summary>The next recorded exchange of a request, or a <see cref="PromptConfigurationException"/> saying why there is none.</summary>
    public JsonObject Next(string fingerprint, string? scope, string model, JsonObject request)
    {
        if (!_files.TryGetValue(fingerprint, out var file))
        {
            throw Missing(scope, model, request);
        }

        var index = _served.AddOrUpdate(fingerprint, 0, (_, n) => n + 1);
        if (index >= file.Exchanges.Count)
        {
            throw new PromptConfigurationException(
                $"The recording '{file.Path}' holds {file.Exchanges.Count} answer(s) for this request{Where(scope)} to '{model}', and this is request {index + 1}. " +
                "The run asks more often than the recorded one did (more --repeat, or a retry that did not happen then); record again with the same settings.")
            { ModelId = model };
        }

        return file.Exchanges[index];
    }

    private PromptConfigurationException Missing(string? scope, string model, JsonObject request)
    {
        var nearest = RecordingDifference.Nearest(_files.Values, scope, model, request);
        var why = nearest is null
            ? $"the directory holds no recordings"
            : $"the nearest recording is '{Path.GetFileName(nearest.Path)}', and {RecordingDifference.FirstDifference(nearest, scope, model, request)}";
        return new PromptConfigurationException(
            $"No recording of this request{Where(scope)} to '{model}' in '{_directory}' (replay makes no live calls): {why}. " +
            "If the change is intended, record again (promptgen test --record <dir>, or PromptGen:Recording:Mode=Record).")
        { ModelId = model };
    }

    private static string Where(string? scope) => scope is null ? string.Empty : $" of '{scope}'";

    /// <summary>A readable, stable file name: scope and model as slugs, then the fingerprint's first 16 hex digits.</summary>
    private static string FileName(string? scope, string model, string fingerprint)
    {
        var name = new StringBuilder();
        foreach (var c in $"{scope}{(scope is null ? string.Empty : "--")}{model}")
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        if (name.Length > 80)
        {
            name.Length = 80;
        }

        return $"{name}--{fingerprint[..16]}.json";
    }
}
