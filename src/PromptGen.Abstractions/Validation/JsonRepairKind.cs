namespace PromptGen.Validation;

/// <summary>What kind of change <see cref="JsonRepair"/> records.</summary>
public enum JsonRepairKind
{
    /// <summary>The text around the JSON was dropped, or one of several values was chosen (extraction).</summary>
    Extraction,

    /// <summary>Broken JSON syntax was repaired.</summary>
    Syntax,

    /// <summary>A value was changed to fit the schema.</summary>
    Coercion,
}
