namespace PromptGen.Validation;

/// <summary>
/// Runs a user validator resolved from dependency injection by type (<see cref="ValidateWithAttribute"/>). Register it
/// (<c>services.AddSingleton&lt;MyValidator&gt;()</c>); a type that is not registered or does not implement
/// <see cref="IResponseValidator"/> is a configuration error, never a silent pass.
/// </summary>
/// <param name="validatorType">The validator type.</param>
/// <param name="stage">The stage it runs in (default content).</param>
public sealed class CustomRule(Type validatorType, ValidationStage stage = ValidationStage.Content) : ResponseRule
{
    /// <summary>Gets the validator type.</summary>
    public Type ValidatorType { get; } = validatorType ?? throw new ArgumentNullException(nameof(validatorType));

    /// <inheritdoc/>
    public override ValidationStage Stage { get; } = stage;

    /// <inheritdoc/>
    public override async ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = context.Services?.GetService(ValidatorType);
        if (service is not IResponseValidator validator)
        {
            throw new PromptConfigurationException(service is null
                ? $"The custom validator {ValidatorType.FullName} is not registered. Register it, for example services.AddSingleton<{ValidatorType.Name}>()."
                : $"{ValidatorType.FullName} does not implement PromptGen.Validation.IResponseValidator; implement it to use it with [ValidateWith].");
        }

        var result = await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
        return result.IsValid || Message is null ? result : Fail(Message);
    }
}
