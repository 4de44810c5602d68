package dev.baton.ui.shell;

import dev.baton.ui.document.Align;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Align and distribute move only the given nodes, in one undoable step. */
class AlignTest {

    private final Flow flow = UiFlows.small();

    @Test
    void alignLeftUsesTheLeftmost() {
        Flow after = Align.command(flow, List.of("writer", "lead", "editor"), Align.How.LEFT).orElseThrow()
                .execute(flow);
        assertThat(after.node("writer").orElseThrow().position().x()).isZero();
        assertThat(after.node("editor").orElseThrow().position().x()).isZero();
        assertThat(after.node("out")).isEqualTo(flow.node("out"));
    }

    @Test
    void distributeNeedsThreeAndSpacesEvenly() {
        assertThat(Align.command(flow, List.of("start", "out"), Align.How.DISTRIBUTE_VERTICALLY)).isEmpty();
        Flow after = Align.command(flow, List.of("start", "lead", "worker"), Align.How.DISTRIBUTE_VERTICALLY)
                .orElseThrow().execute(flow);
        // 0, 400, 600 become 0, 300, 600
        assertThat(after.node("lead").orElseThrow().position().y()).isEqualTo(300);
    }

    @Test
    void nothingToDoGivesNoCommand() {
        assertThat(Align.command(flow, List.of("start", "writer", "out"), Align.How.TOP)).isEmpty();
    }
}
