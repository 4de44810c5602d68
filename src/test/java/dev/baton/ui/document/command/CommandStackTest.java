package dev.baton.ui.document.command;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.flow.io.FlowJson;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.shell.UiFlows;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Undo and redo restore the exact model (record equality and byte-equal JSON); labels and the dirty mark follow. */
class CommandStackTest {

    private final FlowDocument doc = new FlowDocument(UiFlows.small());

    private void roundTrip(Command c) {
        Flow before = doc.flow();
        String beforeJson = FlowJson.write(before);
        doc.execute(c);
        Flow after = doc.flow();
        assertThat(after).isNotEqualTo(before);
        doc.commands().undo();
        assertThat(doc.flow()).isEqualTo(before);
        assertThat(FlowJson.write(doc.flow())).isEqualTo(beforeJson);
        doc.commands().redo();
        assertThat(doc.flow()).isEqualTo(after);
    }

    @Test
    void createUndoRedo() {
        roundTrip(new AddNode(AgentNode.of("coder", NodeKind.AGENT, "Coder").withPosition(5, 5)));
        assertThat(doc.flow().node("coder")).isPresent();
    }

    @Test
    void moveUndoRedo() {
        roundTrip(new MoveNodes(Map.of("writer", new Position(300, 0), "out", new Position(600, 0)),
                Map.of("writer", new Position(320, 40), "out", new Position(640, 40))));
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Move 2 nodes");
    }

    @Test
    void connectUndoRedo() {
        roundTrip(new Connect(Edge.next("e3", "writer", "editor")));
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Connect (next)");
    }

    @Test
    void deleteRestoresAuthoredOrder() {
        // writer sits in the middle of the node list and has two edges: undo must put all three back in place
        roundTrip(new RemoveElements(Set.of("writer", "d1")));
        assertThat(doc.flow().node("writer")).isEmpty();
        assertThat(doc.flow().edges()).isEmpty();
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Delete 4 elements");
    }

    @Test
    void compositeUndoesInReverse() {
        AgentNode n = AgentNode.of("coder", NodeKind.AGENT, "Coder");
        roundTrip(new Composite("Insert", List.of(new AddNode(n), new Connect(Edge.next("e9", "writer", "coder")))));
    }

    @Test
    void dirtyMarkFollowsRevisionsBackToTheSavedState() {
        assertThat(doc.dirty().get()).isFalse();
        doc.execute(new Connect(Edge.next("e3", "writer", "editor")));
        assertThat(doc.dirty().get()).isTrue();
        doc.commands().undo();
        assertThat(doc.dirty().get()).isFalse();
        doc.commands().redo();
        doc.markSaved();
        assertThat(doc.dirty().get()).isFalse();
        doc.commands().undo();
        assertThat(doc.dirty().get()).isTrue();
    }

    @Test
    void newCommandClearsRedoAndLabelsSayWhat() {
        doc.execute(new Connect(Edge.next("e3", "writer", "editor")));
        doc.commands().undo();
        assertThat(doc.commands().canRedo().get()).isTrue();
        assertThat(doc.commands().redoLabel().get()).isEqualTo("Redo Connect (next)");
        doc.execute(new AddNode(AgentNode.of("x", NodeKind.AGENT, "X")));
        assertThat(doc.commands().canRedo().get()).isFalse();
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Add X");
    }

    @Test
    void problemsAndSelectionFollowTheFlow() {
        assertThat(doc.validationSummary()).isNotEqualTo("valid");
        doc.select(List.of("editor"));
        doc.execute(new RemoveElements(Set.of("editor")));
        assertThat(doc.selection()).isEmpty();
    }
}
