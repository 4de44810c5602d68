package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.settings.RecentFiles;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.document.command.AddNode;
import dev.baton.ui.fx.DialogService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Save, open, the unsaved-changes question and recovery, with scripted dialogs and no stage. */
class FileActionsTest {

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private final FlowDocument doc = new FlowDocument(UiFlows.sample("supervisor-market-entry-japan.json"));

    private FileActions actions() {
        return new FileActions(doc, dialogs, new RecentFiles(dir.resolve("recent.json")), () -> { });
    }

    @Test
    void saveThenOpenRoundTrips() throws Exception {
        FileActions files = actions();
        doc.execute(new AddNode(AgentNode.of("extra", NodeKind.AGENT, "Extra").withPosition(12.5, 40)));
        Flow edited = doc.flow();
        Path file = dir.resolve("flow.json");
        dialogs.filesToSave.add(file);
        assertThat(files.save()).isTrue();
        assertThat(doc.dirty().get()).isFalse();
        assertThat(FileActions.title(doc)).isEqualTo("Baton — flow.json");

        doc.replace(Flow.empty("other", "Other"), null);
        assertThat(files.load(file)).isTrue();
        assertThat(doc.flow()).isEqualTo(edited);
        assertThat(files.recent().list()).containsExactly(file.toAbsolutePath().normalize());
    }

    @Test
    void corruptFileShowsTheLocationAndKeepsTheCurrentFlow() throws Exception {
        FileActions files = actions();
        Flow current = doc.flow();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"format\": \"baton.flow/1\",\n  \"id\": \"x\",\n  \"nodes\": [ { \"id\": 3 ]\n}");
        assertThat(files.load(bad)).isFalse();
        assertThat(doc.flow()).isSameAs(current);
        assertThat(dialogs.errors).singleElement().asString().contains("bad.json").containsPattern("\\d+:\\d+");
    }

    @Test
    void unsavedChangesAskBeforeNewAndCancelKeepsTheFlow() {
        FileActions files = actions();
        doc.execute(new AddNode(AgentNode.of("extra", NodeKind.AGENT, "Extra")));
        assertThat(FileActions.title(doc)).startsWith("• ");
        Flow edited = doc.flow();
        dialogs.unsavedAnswer = DialogService.UnsavedChoice.CANCEL;
        files.newFlow();
        assertThat(dialogs.unsavedAsked).isEqualTo(1);
        assertThat(doc.flow()).isSameAs(edited);
        dialogs.unsavedAnswer = DialogService.UnsavedChoice.DISCARD;
        files.newFlow();
        assertThat(doc.flow().nodes()).extracting(n -> n.kind()).containsExactly(NodeKind.START, NodeKind.OUTPUT);
        assertThat(doc.dirty().get()).isFalse();
    }

    @Test
    void autosaveWritesOnlyUnsavedWorkAndRestoresIt() throws Exception {
        Autosave autosave = new Autosave(dir.resolve("recovery"));
        doc.fileProperty().set(dir.resolve("mine.json"));
        autosave.tick(doc);
        assertThat(autosave.pending()).isEmpty();
        doc.execute(new AddNode(AgentNode.of("extra", NodeKind.AGENT, "Extra")));
        autosave.tick(doc);
        assertThat(autosave.pending()).hasValueSatisfying(r -> {
            assertThat(r.flow()).isEqualTo(doc.flow());
            assertThat(r.originalFile()).isEqualTo(dir.resolve("mine.json"));
        });
        doc.markSaved();
        autosave.tick(doc);
        assertThat(autosave.pending()).isEmpty();
    }

    @Test
    void exportJsonWritesACopyWithoutAdoptingTheFile() throws Exception {
        FileActions files = actions();
        Path out = dir.resolve("copy.json");
        dialogs.filesToSave.add(out);
        files.exportJson();
        assertThat(FlowFiles.load(out).flow()).isEqualTo(doc.flow());
        assertThat(doc.fileProperty().get()).isNull();
    }
}
