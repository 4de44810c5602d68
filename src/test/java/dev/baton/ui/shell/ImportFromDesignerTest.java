package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.settings.RecentFiles;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Import…: the imported flow opens unsaved, with the import report in the problems list. */
class ImportFromDesignerTest {

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private final FlowDocument doc = new FlowDocument(UiFlows.sample("chain-blog-article.json"));

    private FileActions actions() {
        return new FileActions(doc, dialogs, new RecentFiles(dir.resolve("recent.json")), () -> { });
    }

    @Test
    void anImportedCrewOpensUnsavedWithItsReport() {
        dialogs.filesToOpen.add(Path.of("src/test/resources/import/crewai/trip_crew/src/trip_crew/config/agents.yaml"));
        actions().importFlow();

        assertThat(dialogs.errors).isEmpty();
        assertThat(doc.flow().name()).contains("imported from CrewAI");
        assertThat(doc.fileProperty().get()).isNull();
        assertThat(doc.dirty().get()).isTrue();
        assertThat(doc.flow().nodesOfKind(NodeKind.HUMAN)).hasSize(1);
        assertThat(doc.problems()).filteredOn(p -> p.code().equals("import"))
                .isNotEmpty().allMatch(p -> !p.isError())
                .anyMatch(p -> p.message().contains("SerperDevTool"));
        // an edit keeps the report; opening another flow drops it
        doc.execute(new dev.baton.ui.document.command.EditFlow(doc.flow(), doc.flow().withName("Trip"), "rename"));
        assertThat(doc.problems()).anyMatch(p -> p.code().equals("import"));
        doc.replace(Flow.empty("other", "Other"), null);
        assertThat(doc.problems()).noneMatch(p -> p.code().equals("import"));
    }

    @Test
    void aGalleryOfTeamsAsksWhichToImportAndACancelKeepsTheFlow() {
        Path gallery = Path.of("src/test/resources/import/autogen/gallery.json");
        Flow before = doc.flow();
        assertThat(actions().importFrom(gallery)).isFalse(); // no answer: cancelled
        assertThat(dialogs.choicesOffered).containsExactly("First team", "Second team");
        assertThat(doc.flow()).isEqualTo(before);
        dialogs.choiceAnswer = "Second team";
        assertThat(actions().importFrom(gallery)).isTrue();
        assertThat(dialogs.errors).isEmpty();
        assertThat(doc.flow().name()).startsWith("Second team");
        assertThat(doc.problems()).anyMatch(p -> p.message().contains("imported 'Second team'"));
    }

    @Test
    void aBatonFlowPickedForImportSaysToOpenIt() {
        assertThat(actions().importFrom(Path.of("sample-flows/chain-blog-article.json"))).isFalse();
        assertThat(dialogs.errors).singleElement().asString().contains("is a Baton flow already: open it")
                .doesNotContain("crewai:");
    }

    @Test
    void aSourceThatIsNoFormatShowsOneErrorAndKeepsTheFlow() {
        Flow before = doc.flow();
        assertThat(actions().importFrom(Path.of("src/test/resources/import/flowise/chatflow-v1.json"))).isFalse();
        assertThat(dialogs.errors).singleElement().asString().contains("not a format Baton imports");
        assertThat(doc.flow()).isEqualTo(before);
        assertThat(doc.problems()).extracting(Problem::code).doesNotContain("import");
    }
}
