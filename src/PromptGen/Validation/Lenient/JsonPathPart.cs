using System.Globalization;

namespace PromptGen.Validation.Lenient;

/// <summary>
/// A JSON path not yet written out: a parent path and a member name or an element index. Only an error, a recorded
/// change or a container whose members are visited in turn turns it into text, so reading a value that needs no change
/// builds no path per scalar member. A plain string converts to it (the path itself, as written).
/// </summary>
internal readonly struct JsonPathPart
{
    private readonly string _parent;
    private readonly string? _name;
    private readonly int _index;

    public JsonPathPart(string parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    public static implicit operator JsonPathPart(string path) => new(path, null, -1);

    /// <summary>The path of member <paramref name="name"/> of the value at <paramref name="parent"/>.</summary>
    public static JsonPathPart Member(string parent, string name) => new(parent, name, -1);

    /// <summary>The path of element <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static JsonPathPart Element(string parent, int index) => new(parent, null, index);

    public override string ToString() =>
        _name is not null ? string.Concat(_parent, ".", _name)
        : _index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"{_parent}[{_index}]")
        : _parent;
}
