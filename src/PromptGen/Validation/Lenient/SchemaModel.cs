using System.Text.Json;

namespace PromptGen.Validation.Lenient;

/// <summary>
/// A JSON Schema compiled once for reading answers: references resolved, keywords looked up once (a
/// <see cref="JsonElement"/> property lookup is a linear scan, too slow to repeat for every value of every answer).
/// </summary>
internal sealed class SchemaModel
{
    private static readonly SchemaModel s_open = new() { Open = true };

    /// <summary>Gets a schema that accepts anything.</summary>
    public static SchemaModel OpenSchema => s_open;

    public bool Open { get; private set; }

    public bool Never { get; private set; }

    public List<string> Types { get; } = [];

    public SchemaModel[]? Union { get; private set; }

    public SchemaModel? Single { get; private set; }

    public List<JsonElement>? Literals { get; private set; }

    /// <summary>Gets the enum aliases (<c>x-aliases</c> object: member → names), if any.</summary>
    public JsonElement EnumAliases { get; private set; }

    /// <summary>Gets the alternative names of a property (<c>x-aliases</c> array on its schema).</summary>
    public List<string> PropertyAliases { get; } = [];

    public Dictionary<string, SchemaModel>? Properties { get; private set; }

    public List<KeyValuePair<string, SchemaModel>> PropertyList { get; } = [];

    public List<string> Required { get; } = [];

    /// <summary>Gets a value indicating whether unknown members are refused (<c>additionalProperties: false</c>).</summary>
    public bool NoAdditional { get; private set; }

    public SchemaModel? Additional { get; private set; }

    public SchemaModel? Items { get; private set; }

    public bool AllowsNull { get; private set; }

    /// <summary>Gets the one kind (object, array, string, …) the schema asks for, null not counted; <see langword="null"/> when open or several.</summary>
    public string? Kind { get; private set; }

    public static SchemaModel Compile(JsonElement root) => new Compiler(root).Compile(root, 0);

    private sealed class Compiler(JsonElement root)
    {
        private readonly Dictionary<string, SchemaModel> _references = new(StringComparer.Ordinal);

        public SchemaModel Compile(JsonElement schema, int depth)
        {
            if (schema.ValueKind == JsonValueKind.False)
            {
                return new SchemaModel { Never = true };
            }

            if (schema.ValueKind != JsonValueKind.Object || depth > 64)
            {
                return s_open;
            }

            if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                var target = reference.GetString()!;
                if (_references.TryGetValue(target, out var known))
                {
                    return known;
                }

                var model = new SchemaModel();
                _references[target] = model;
                if (Resolve(target) is { } resolved)
                {
                    model.Fill(resolved, this, depth);
                }
                else
                {
                    model.Open = true;
                }

                return model;
            }

            var plain = new SchemaModel();
            plain.Fill(schema, this, depth);
            return plain;
        }

        private JsonElement? Resolve(string target)
        {
            if (!target.StartsWith('#'))
            {
                return null;
            }

            var at = root;
            foreach (var part in target[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(name, out at))
                {
                    return null;
                }
            }

            return at;
        }
    }

    private void Fill(JsonElement s, Compiler compiler, int depth)
    {
        if (s.ValueKind == JsonValueKind.False)
        {
            Never = true;
            return;
        }

        if (s.ValueKind != JsonValueKind.Object)
        {
            Open = true;
            return;
        }

        if (s.TryGetProperty("x-aliases", out var aliases))
        {
            if (aliases.ValueKind == JsonValueKind.Object)
            {
                EnumAliases = aliases;
            }
            else if (aliases.ValueKind == JsonValueKind.Array)
            {
                PropertyAliases.AddRange(aliases.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
            }
        }

        if ((s.TryGetProperty("anyOf", out var union) || s.TryGetProperty("oneOf", out union)) && union.ValueKind == JsonValueKind.Array)
        {
            Union = [.. union.EnumerateArray().Select(b => compiler.Compile(b, depth + 1))];
            AllowsNull = Array.Exists(Union, b => b.AllowsNull || b.Open);
            return;
        }

        if (s.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array && all.GetArrayLength() == 1)
        {
            Single = compiler.Compile(all[0], depth + 1);
            AllowsNull = Single.AllowsNull || Single.Open;
            return;
        }

        if (s.TryGetProperty("const", out var constant))
        {
            Literals = [constant.Clone()];
        }
        else if (s.TryGetProperty("enum", out var members) && members.ValueKind == JsonValueKind.Array)
        {
            Literals = [.. members.EnumerateArray().Select(m => m.Clone())];
        }

        ReadTypes(s);
        if (s.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            Properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
            foreach (var property in properties.EnumerateObject())
            {
                var model = compiler.Compile(property.Value, depth + 1);
                Properties[property.Name] = model;
                PropertyList.Add(new(property.Name, model));
            }
        }

        if (s.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            Required.AddRange(required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
        }

        if (s.TryGetProperty("additionalProperties", out var additional))
        {
            NoAdditional = additional.ValueKind == JsonValueKind.False;
            Additional = additional.ValueKind == JsonValueKind.Object ? compiler.Compile(additional, depth + 1) : null;
        }

        Items = s.TryGetProperty("items", out var items) ? compiler.Compile(items, depth + 1) : null;
        AllowsNull = Types.Contains("null") || (Literals?.Exists(l => l.ValueKind == JsonValueKind.Null) ?? false);
        var kinds = Types.Where(t => t != "null").ToList();
        Kind = kinds.Count == 1 ? kinds[0] : null;
    }

    private void ReadTypes(JsonElement s)
    {
        if (s.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                Types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                Types.AddRange(type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
        }
        else if (s.TryGetProperty("properties", out _) || s.TryGetProperty("additionalProperties", out _) || s.TryGetProperty("required", out _))
        {
            Types.Add("object");
        }
        else if (s.TryGetProperty("items", out _))
        {
            Types.Add("array");
        }
    }
}
