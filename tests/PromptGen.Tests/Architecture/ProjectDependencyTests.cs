using System.Reflection;
using System.Xml.Linq;
using PromptGen.Evaluation;

namespace PromptGen.Tests.Architecture;

/// <summary>
/// Projects point one way too (docs/architecture.md §2): the runner library (PromptGen.Evaluation, and its xUnit integration PromptGen.Evaluation.Xunit) is what the
/// <c>promptgen</c> tool and test hosts build on, so it must never depend on the tool. Checked twice: the built assembly's
/// references (transitively, over PromptGen's own assemblies) and the project files' references (transitively), so a
/// reference is caught whether or not any code uses it yet.
/// </summary>
public class ProjectDependencyTests
{
    [Fact]
    public void The_runner_library_assembly_does_not_reference_the_cli()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>([typeof(TestRun).Assembly.GetName()]);
        while (pending.TryDequeue(out var name))
        {
            if (!name.Name!.StartsWith("PromptGen", StringComparison.Ordinal) || !seen.Add(name.Name))
            {
                continue;
            }

            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                Assert.False(reference.Name == "PromptGen.Cli", $"{name.Name} references PromptGen.Cli: the runner library must not depend on the tool. Move what it needs into PromptGen.Evaluation (or lower).");
                pending.Enqueue(reference);
            }
        }

        // Guards the test itself: the walk reached the runtime under the runner.
        Assert.Contains("PromptGen", seen);
        Assert.Contains("PromptGen.Evaluation", seen);
    }

    [Theory]
    [InlineData("PromptGen.Evaluation")]
    [InlineData("PromptGen.Evaluation.Xunit")]
    public void The_runner_library_project_does_not_reference_the_cli_project(string library)
    {
        var root = RepositoryRoot();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(root, "src", library, library + ".csproj")]);
        while (pending.TryPop(out var project))
        {
            if (!visited.Add(project))
            {
                continue;
            }

            foreach (var include in XDocument.Load(project).Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include")).OfType<string>())
            {
                var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', Path.DirectorySeparatorChar)));
                Assert.False(
                    Path.GetFileName(referenced) == "PromptGen.Cli.csproj",
                    $"{Path.GetRelativePath(root, project)} references {include}: the runner library must not depend on the tool.");
                pending.Push(referenced);
            }
        }

        Assert.True(visited.Count >= 3, $"only {visited.Count} project(s) were read: {string.Join(", ", visited)}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"PromptGen.sln not found above {AppContext.BaseDirectory}.");
    }
}
