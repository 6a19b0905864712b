namespace PromptGen.Generated;

/// <summary>Writes a template's text for <paramref name="state"/> into <paramref name="destination"/> (see <see cref="TemplateText.Create{TState}"/>).</summary>
/// <typeparam name="TState">The values the template reads (a parameter, or a tuple of them).</typeparam>
/// <param name="destination">The string's characters, exactly as many as the measured length.</param>
/// <param name="state">The values.</param>
/// <returns>The number of characters the text needed (<see cref="TemplateWriter.Length"/>), which may differ from the destination's length if a value changed since it was measured.</returns>
public delegate int TemplateWrite<in TState>(Span<char> destination, TState state)
    where TState : allows ref struct;
