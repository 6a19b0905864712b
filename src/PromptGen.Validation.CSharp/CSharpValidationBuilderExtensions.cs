using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PromptGen.Validation;

namespace PromptGen;

/// <summary>Registers C# syntax checking for <see cref="CodeSyntaxRule"/> (<c>[ValidCode(CodeLanguage.CSharp)]</c>).</summary>
public static class CSharpValidationBuilderExtensions
{
    /// <summary>Adds <see cref="CSharpSyntaxChecker"/> as the C# <see cref="ICodeSyntaxChecker"/>.</summary>
    /// <param name="builder">The PromptGen builder.</param>
    /// <returns>The builder.</returns>
    public static PromptGenBuilder AddCSharpSyntaxValidation(this PromptGenBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICodeSyntaxChecker, CSharpSyntaxChecker>());
        return builder;
    }
}
