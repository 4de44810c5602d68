package dev.baton.cli;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunEventSamples;
import dev.baton.engine.step.RetryReason;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The CLI's progress lines, reached through the compiler-checked event handler (issue 13, item 4). */
class RunProgressTest {

    private static final Instant T = Instant.EPOCH;

    @Test
    void everyEventTypeIsDescribedOrSkippedWithoutFailing() {
        for (RunEvent e : RunEventSamples.all()) {
            assertThatCode(() -> RunProgress.describe(e)).as(e.type()).doesNotThrowAnyException();
        }
    }

    @Test
    void startAndOutputNodesAreNotAnnouncedButAgentsAre() {
        assertThat(RunProgress.describe(new RunEvent.AgentStarted("r", 2, T, "in", "", NodeKind.START, "Start", "",
                1))).isNull();
        assertThat(RunProgress.describe(new RunEvent.AgentStarted("r", 3, T, "out", "", NodeKind.OUTPUT, "Out", "",
                1))).isNull();
        assertThat(RunProgress.describe(new RunEvent.AgentStarted("r", 4, T, "w", "", NodeKind.AGENT, "Writer", "",
                2))).isEqualTo("> Writer [w] working (attempt 2)");
        assertThat(RunProgress.describe(new RunEvent.Retried("r", 5, T, "w", "", RetryReason.PROVIDER, 2, 250,
                "timeout"))).isEqualTo("  retry w (PROVIDER, attempt 2, in 250 ms): timeout");
    }
}
