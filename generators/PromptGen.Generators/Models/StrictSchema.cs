namespace PromptGen.Generators.Models;

/// <summary>Finds what keeps a result shape out of OpenAI's strict structured output (open values and dictionaries).</summary>
internal static class StrictSchema
{
    /// <summary>The first member that strict mode cannot express, as a path (<c>counts</c>, <c>items[].extra</c>) and a reason.</summary>
    public static (string Path, string What)? FirstProblem(JsonSchemaNode node, string path)
    {
        switch (node.Kind)
        {
            case JsonKind.Any:
                return (Display(path), "an open JSON value (object, JsonElement or a recursive type)");
            case JsonKind.Dictionary:
                return (Display(path), "a dictionary (arbitrary keys)");
            case JsonKind.Array when node.Items is { } items:
                return FirstProblem(items, path + "[]");
            case JsonKind.Object:
                foreach (var property in node.Properties)
                {
                    if (FirstProblem(property.Schema, path.Length == 0 ? property.ClrName : path + "." + property.ClrName) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Display(string path) => path.Length == 0 ? "(the root)" : path;
}
