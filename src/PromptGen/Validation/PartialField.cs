namespace PromptGen.Validation;

/// <summary>What an answer still being written decides about a field (<see cref="FieldPath.Decide"/>).</summary>
internal enum PartialField
{
    /// <summary>Not decided yet: the field or the container that would hold it is still being written.</summary>
    Open,

    /// <summary>A complete container lacks the field; the rest of the answer cannot add it.</summary>
    Missing,

    /// <summary>The field's value is complete and will not change.</summary>
    Complete,
}
