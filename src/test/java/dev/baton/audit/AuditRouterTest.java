package dev.baton.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A router's decision is a decision row with its reason, and the derived rows still verify. */
class AuditRouterTest {

    @TempDir
    Path dir;

    @Test
    void theRouteDecisionIsAuditedWithItsReason() throws Exception {
        Path db = dir.resolve("audit");
        AuditTestRuns.Done done;
        try (AuditWriter writer = AuditWriter.open(db)) {
            done = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(7),
                    AuditTestRuns.sample("router-support-intake.json"), "My invoice shows a double charge");
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.DecisionRecord> routes = store.decisions(done.result().runId()).stream()
                    .filter(d -> d.kind().equals("ROUTE")).toList();
            assertThat(routes).hasSize(1);
            assertThat(routes.get(0).nodeId()).isEqualTo("intake");
            assertThat(routes.get(0).subject()).isEqualTo("billing");
            assertThat(routes.get(0).outcome()).isEqualTo("routed");
            assertThat(routes.get(0).rationale()).contains("invoice");
            assertThat(store.verify().intact()).as(store.verify().toString()).isTrue();
        }
    }
}
