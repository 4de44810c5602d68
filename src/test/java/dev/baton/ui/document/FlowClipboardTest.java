package dev.baton.ui.document;

import dev.baton.ui.shell.UiFlows;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Copy holds flow JSON of the selected nodes and the edges between them; paste renames taken ids. */
class FlowClipboardTest {

    private final Flow flow = UiFlows.small();

    @Test
    void copyKeepsOnlyEdgesInsideTheSelection() throws Exception {
        String json = FlowClipboard.copy(flow, Set.of("writer", "out", "e1")).orElseThrow();
        Flow part = dev.baton.flow.io.FlowJson.read(json).flow();
        assertThat(part.nodes()).extracting(n -> n.id()).containsExactly("writer", "out");
        assertThat(part.edges()).extracting(e -> e.id()).containsExactly("e2");
    }

    @Test
    void pasteRenamesIdsAndOffsetsPositions() {
        String json = FlowClipboard.copy(flow, Set.of("lead", "worker")).orElseThrow();
        List<String> ids = new ArrayList<>();
        Flow pasted = FlowClipboard.paste(flow, json, 40, ids).orElseThrow().execute(flow);
        assertThat(ids).containsExactly("lead-2", "worker-2");
        assertThat(pasted.node("lead-2").orElseThrow().position().x()).isEqualTo(40);
        assertThat(pasted.edges()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EdgeKind.DELEGATES);
            assertThat(e.from()).isEqualTo("lead-2");
            assertThat(e.to()).isEqualTo("worker-2");
            assertThat(e.id()).isEqualTo("d1-2");
        });
        assertThat(pasted.nodes()).hasSize(flow.nodes().size() + 2);
    }

    @Test
    void nothingSelectedOrNoFlowTextGivesNothing() {
        assertThat(FlowClipboard.copy(flow, Set.of())).isEmpty();
        assertThat(FlowClipboard.paste(flow, "hello", 40, new ArrayList<>())).isEmpty();
    }
}
