package dev.baton.harness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness at a small scale: three lanes of real {@code baton run} processes write one audit database at once,
 * two of the runs are killed with SIGKILL mid-run. Before schema 7 and the gate, a second process was refused
 * ("locked", exit 1) and killed runs stayed RUNNING with 0 tokens.
 */
@Tag("slow")
class MultiProcessAuditTest {

    @TempDir
    Path dir;

    @Test
    void concurrentProcessesLoseNothingAndKilledRunsReadInterruptedWithTheirTotals() throws Exception {
        MultiProcessAuditHarness.Report r = MultiProcessAuditHarness.run(dir, 3, 3, 0.25, 7);
        String text = r.text();
        assertThat(r.killed()).as("a planned kill may land after its run ended: %s", text).isBetween(1, 2);
        assertThat(r.otherExits()).as("no refusals: %s", text).isEmpty();
        assertThat(r.completedRecordedExactly()).as(text).isEqualTo(r.completed()).isEqualTo(9 - r.killed());
        assertThat(r.recorded()).as(text).isEqualTo(9);
        assertThat(r.rowsLost()).as(text).isZero();
        assertThat(r.interruptedShown()).as("killed runs read as INTERRUPTED: %s", text).isEqualTo(r.killed());
        assertThat(r.interruptedMarked()).as(text).isEqualTo(r.killed());
        assertThat(r.verifyIntact()).as(text).isTrue();
        assertThat(r.problems()).as(text).isEmpty();
        assertThat(r.goalMet()).as(text).isTrue();
    }
}
