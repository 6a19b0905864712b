namespace PromptGen.Generators.Tests.Emit;

/// <summary>The generated code of the template language (member paths, blocks, roles, history), compared with approved snapshots and compiled warning-free.</summary>
public class TemplateSnapshotTests
{
    [Fact]
    public void Member_paths_conditionals_and_loops() => SnapshotTests.Check("TemplateBlocks", TemplateSources.Support);

    [Fact]
    public void Roles_history_and_images_in_one_template() => SnapshotTests.Check("TemplateConversation", TemplateSources.Chat);

    [Fact]
    public void File_template_with_blocks_on_their_own_lines() => SnapshotTests.Check(
        "TemplateFileBlocks",
        TemplateSources.Rag,
        GeneratorHarness.File("/repo/prompts/rag.prompt.md", TemplateSources.RagTemplate));
}
