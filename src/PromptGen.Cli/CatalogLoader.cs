using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using PromptGen.Generated;

namespace PromptGen.Cli;

/// <summary>
/// Loads the prompt catalogs of built assemblies (<c>--assembly</c>) or of projects it builds first (<c>--project</c>),
/// each into its own <see cref="AssemblyLoadContext"/>: the assembly's own dependencies come from its output folder,
/// while PromptGen and everything the tool ships come from the tool, so the catalog's types are the runner's types.
/// </summary>
internal static class CatalogLoader
{
    public static IReadOnlyList<PromptCatalog> Load(CliHost host, IReadOnlyList<string> assemblies, IReadOnlyList<string> projects, CancellationToken cancellationToken)
    {
        var catalogs = new List<PromptCatalog>();
        foreach (var project in projects)
        {
            catalogs.Add(FromAssembly(Build(host, project, cancellationToken), project));
        }

        foreach (var assembly in assemblies)
        {
            catalogs.Add(FromAssembly(host.FullPath(assembly), assembly));
        }

        return catalogs;
    }

    private static PromptCatalog FromAssembly(string path, string shown)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"--assembly '{shown}': no such file ({path}). Build the project first, or pass --project <.csproj> to build it.");
        }

        Assembly assembly;
        try
        {
            assembly = new IsolatedContext(path).LoadFresh(path);
        }
        catch (Exception exception) when (exception is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--assembly '{shown}' is not a .NET assembly the tool can load: {exception.Message}");
        }

        return PromptCatalog.FromAssembly(assembly)
            ?? throw new CliUsageException($"--assembly '{shown}' has no prompt catalog: it declares no [PromptClient] interface, or it was built without PromptGen's generator (reference the PromptGen package).");
    }

    /// <summary>Builds the project and returns its output assembly's path.</summary>
    private static string Build(CliHost host, string project, CancellationToken cancellationToken)
    {
        var full = host.FullPath(project);
        if (!File.Exists(full))
        {
            throw new CliUsageException($"--project '{project}': no such file ({full}).");
        }

        host.Note($"building {project} …");
        Run(host, ["build", full, "-nologo", "-v:q", "-nodeReuse:false"], cancellationToken);
        var target = Run(host, ["msbuild", full, "-nologo", "-getProperty:TargetPath"], cancellationToken).Trim();
        return target.Length > 0 ? target : throw new CliUsageException($"--project '{project}': the build did not say where its assembly is (TargetPath).");
    }

    private static string Run(CliHost host, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = host.WorkingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CliUsageException("Cannot start 'dotnet' to build the project; is the .NET SDK installed?");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        return process.ExitCode == 0
            ? output.GetAwaiter().GetResult()
            : throw new CliUsageException($"'dotnet {string.Join(' ', arguments)}' failed (exit {process.ExitCode}):\n{output.GetAwaiter().GetResult()}{error.GetAwaiter().GetResult()}".TrimEnd());
    }

    /// <summary>
    /// The assembly's dependencies from its folder, except those the tool has (PromptGen, the framework, MEAI…). The
    /// project's own assemblies are read into memory and loaded from there: the runtime keeps every image it opened by
    /// path (dotnet/runtime#112911), so <see cref="AssemblyLoadContext.LoadFromAssemblyPath"/> in a new context would
    /// return the assembly of an earlier build still held by a previous context, and a rebuilt project would run its old code.
    /// </summary>
    private sealed class IsolatedContext(string path) : AssemblyLoadContext($"promptgen-catalog:{Path.GetFileName(path)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        /// <summary>Loads the file as it is on disk now (with its symbols, so stack traces keep their lines).</summary>
        public Assembly LoadFresh(string file)
        {
            using var image = new MemoryStream(File.ReadAllBytes(file));
            var pdb = Path.ChangeExtension(file, ".pdb");
            if (!File.Exists(pdb))
            {
                return LoadFromStream(image);
            }

            using var symbols = new MemoryStream(File.ReadAllBytes(pdb));
            return LoadFromStream(image, symbols);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll"))
                || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, assemblyName.Name, StringComparison.Ordinal)))
            {
                return null;
            }

            return _resolver.ResolveAssemblyToPath(assemblyName) is { } resolved ? LoadFresh(resolved) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } resolved ? LoadUnmanagedDllFromPath(resolved) : IntPtr.Zero;
    }
}
