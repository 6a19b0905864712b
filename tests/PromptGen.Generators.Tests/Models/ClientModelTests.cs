using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Models;

public class ClientModelTests
{
    [Fact]
    public void Travel_guide_resolves_to_one_spec_per_method()
    {
        var spec = ModelHarness.Spec(Sources.TravelGuide);

        Assert.Equal(("Travel", "Travel.ITravelGuide", "global::Travel.ITravelGuide", "TravelGuide", true), (spec.Namespace, spec.InterfaceFullName, spec.InterfaceType, spec.ImplementationName, spec.IsPublic));
        Assert.Equal(["CapitalOfAsync", "DescribeAsync", "StoryAsync", "SummarizeAsync", "RateAsync", "PingAsync"], spec.Methods.Select(m => m.Name));
        Assert.Equal(
            [ReturnKind.Text, ReturnKind.Json, ReturnKind.Stream, ReturnKind.TextResult, ReturnKind.JsonResult, ReturnKind.Text],
            spec.Methods.Select(m => m.ReturnKind));
        Assert.All(spec.Methods, m => Assert.Null(m.Error));
    }

    [Fact]
    public void Method_model_overrides_the_client_default()
    {
        var spec = ModelHarness.Spec(Sources.TravelGuide);
        var capital = spec.Methods.Single(m => m.Name == "CapitalOfAsync");
        var rate = spec.Methods.Single(m => m.Name == "RateAsync");
        var story = spec.Methods.Single(m => m.Name == "StoryAsync");

        Assert.Equal(("openai/gpt-4o-mini", 0.2, (int?)null), (capital.Model, capital.Temperature, capital.MaxOutputTokens));
        Assert.Equal(["anthropic/claude-haiku-4-5"], capital.Fallbacks);
        Assert.Equal(("anthropic/claude-haiku-4-5", (double?)null, (int?)200), (rate.Model, rate.Temperature, rate.MaxOutputTokens));
        Assert.Equal("openai/gpt-4o-mini", story.Model);
        Assert.Empty(story.Fallbacks);
    }

    [Fact]
    public void Interface_level_model_and_system_prompt_apply_to_every_method_unless_replaced()
    {
        var source = ModelHarness.Interface(
            """
                [Prompt("a {x}")] Task<string> AAsync(string x);
                [SystemPrompt("own system for {y}")] [Model("ollama/llama3.2")] [Prompt("b {y}")] Task<string> BAsync(string y);
            """,
            """[PromptClient(Model = "openai/ignored")] [Model("anthropic/claude-sonnet-4-5", Temperature = 0.5)] [SystemPrompt("shared system")]""");

        var spec = ModelHarness.Spec(source);

        var a = spec.Methods[0];
        var b = spec.Methods[1];
        Assert.Equal(("anthropic/claude-sonnet-4-5", 0.5), (a.Model, a.Temperature));
        Assert.Equal("shared system", Assert.Single(a.SystemPrompt!.Value).Literal);
        Assert.Equal(("ollama/llama3.2", (double?)null), (b.Model, b.Temperature));
        Assert.Equal(["own system for ", null], b.SystemPrompt!.Value.Select(p => p.Literal));
    }

    [Fact]
    public void No_model_anywhere_leaves_the_configured_default()
    {
        var method = ModelHarness.Method(ModelHarness.Interface("""[Prompt("hi {x}")] Task<string> HiAsync(string x);"""), "HiAsync");

        Assert.Null(method.Model);
        Assert.Null(method.CancellationToken);
    }

    [Fact]
    public void Placeholders_bind_to_parameters_with_render_kinds()
    {
        var method = ModelHarness.Method(Sources.TravelGuide, "DescribeAsync");

        var placeholders = method.UserPrompt.Where(p => p.Parameter is not null).Select(p => (p.Parameter!.Name, p.Parameter.Kind, p.Format)).ToArray();
        Assert.Equal([("city", ValueKind.Text, (string?)null), ("words", ValueKind.Formattable, "D"), ("sights", ValueKind.Collection, null)], placeholders);
        Assert.Equal("cancellationToken", method.CancellationToken);
        Assert.Equal(ValueKind.Text, method.Parameters.Single(p => p.Name == "sights").ItemKind);
    }

    [Fact]
    public void Parameter_types_keep_nullability_and_keywords_are_escaped()
    {
        var method = ModelHarness.Method(
            ModelHarness.Interface("""[Prompt("{class} {count} {when:yyyy} {flag}")] Task<string> KAsync(string? @class, int? count, System.DateTime when, bool flag);"""),
            "KAsync");

        Assert.Equal(
            [("@class", "string?", true, ValueKind.Text), ("count", "int?", true, ValueKind.Formattable), ("when", "global::System.DateTime", false, ValueKind.Formattable), ("flag", "bool", false, ValueKind.Other)],
            method.Parameters.Select(p => (p.EmitName, p.TypeDisplay, p.CanBeNull, p.Kind)));
    }

    [Fact]
    public void Json_results_get_schema_name_and_type_info_from_the_users_context()
    {
        var method = ModelHarness.Method(Sources.TravelGuide, "DescribeAsync");

        Assert.Equal(("global::Travel.CityInfo", "CityInfo", "global::Travel.TravelJsonContext.Default.CityInfo"), (method.ResultType, method.SchemaName, method.TypeInfo));
        Assert.NotNull(method.SchemaJson);
    }

    [Fact]
    public void Implementation_name_can_be_chosen_and_defaults_without_the_leading_I()
    {
        Assert.Equal("Custom", ModelHarness.Spec(ModelHarness.Interface("""[Prompt("x")] Task<string> XAsync();""", """[PromptClient(ImplementationName = "Custom")]""")).ImplementationName);
        Assert.Equal("Demo", ModelHarness.Spec(ModelHarness.Interface("""[Prompt("x")] Task<string> XAsync();""")).ImplementationName);
    }

    [Fact]
    public void Internal_interfaces_get_internal_implementations()
    {
        var source = ModelHarness.Interface("""[Prompt("x")] Task<string> XAsync();""").Replace("public partial interface", "internal partial interface", StringComparison.Ordinal);

        Assert.False(ModelHarness.Spec(source).IsPublic);
    }

    [Fact]
    public void Overloads_get_distinct_descriptor_fields()
    {
        var spec = ModelHarness.Spec(ModelHarness.Interface(
            """
                [Prompt("x {a}")] Task<string> XAsync(string a);
                [Prompt("x {a} {b}")] Task<string> XAsync(string a, string b);
            """));

        Assert.Equal(["XAsyncDescriptor", "XAsyncDescriptor2"], spec.Methods.Select(m => m.DescriptorField));
    }

    [Fact]
    public void Inherited_interface_methods_are_implemented_too()
    {
        var source = ModelHarness.Interface(
            """[Prompt("child")] Task<string> ChildAsync();""",
            extra: """public interface IBase { [Prompt("base {x}")] Task<string> BaseAsync(string x); }""").Replace("public partial interface IDemo", "public partial interface IDemo : IBase", StringComparison.Ordinal);

        Assert.Equal(["ChildAsync", "BaseAsync"], ModelHarness.Spec(source).Methods.Select(m => m.Name));
    }

    [Fact]
    public void Default_implemented_and_static_members_are_left_alone()
    {
        var spec = ModelHarness.Spec(ModelHarness.Interface(
            """
                [Prompt("x")] Task<string> XAsync();
                Task<string> HelperAsync() => XAsync();
                static string Name => "demo";
            """));

        Assert.Equal(["XAsync"], spec.Methods.Select(m => m.Name));
    }

    [Fact]
    public void Template_files_come_from_additional_files()
    {
        var source = ModelHarness.Interface("""[Prompt(File = "prompts/greet.prompt.md")] [SystemPrompt(File = "prompts/system.txt")] Task<string> GreetAsync(string name);""");

        var method = ModelHarness.Method(
            source,
            "GreetAsync",
            GeneratorHarness.File("/repo/app/prompts/greet.prompt.md", "Greet {name} warmly."),
            GeneratorHarness.File("/repo/app/prompts/system.txt", "Be kind."));

        Assert.Equal(["Greet ", null, " warmly."], method.UserPrompt.Select(p => p.Literal));
        Assert.Equal("Be kind.", Assert.Single(method.SystemPrompt!.Value).Literal);
    }

    [Fact]
    public void Specs_are_values()
    {
        Assert.Equal(ModelHarness.Client(Sources.TravelGuide), ModelHarness.Client(Sources.TravelGuide));
    }
}
