package dev.baton.audit;

import dev.baton.engine.EventRecorder;
import dev.baton.engine.RunEvent;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each sample flow, run on the simulated model, leaves the numbers its event stream shows in the database. */
class AuditSamplesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        // sample, min delegations, min handoffs, judge decisions, min critic verdicts, input
        "chain-blog-article.json,            0, 0, 0, 1, 'Write about heat pumps in cold climates'",
        "supervisor-market-entry-japan.json, 4, 0, 0, 0, 'Should we enter the Japanese market next year?'",
        "swarm-customer-support.json,        0, 1, 0, 0, 'I was charged twice on my invoice: a double charge on my"
                + " subscription plan payment'",
        "parallel-contract-review.json,      0, 0, 1, 0, 'Review this supply contract: liability is unlimited'"
    })
    void sampleLeavesItsHandoffsDelegationsAndDecisions(String sample, int minDelegations, int minHandoffs,
                                                        int judgeDecisions, int minVerdicts, String input)
            throws Exception {
        Flow flow = AuditTestRuns.sample(sample);
        Path db = dir.resolve("audit");
        AuditTestRuns.Done done;
        try (AuditWriter writer = AuditWriter.open(db)) {
            done = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(7), flow, input);
        }
        EventRecorder rec = done.recorder();
        String runId = done.result().runId();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.RunSummary run = store.run(runId).orElseThrow();
            assertThat(run.status()).isEqualTo(done.result().status().name());
            assertThat(run.flowId()).isEqualTo(flow.id());
            assertThat(run.flowSha256()).isEqualTo(AuditHashes.sha256Hex(FlowJson.write(flow)));
            assertThat(run.modelCalls()).isEqualTo(done.result().totals().modelCalls());

            List<AuditStore.StoredEvent> events = store.events(runId);
            assertThat(events).hasSize(rec.events.size());
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(i + 1);
                assertThat(events.get(i).kind()).isEqualTo(rec.events.get(i).type());
            }

            List<AuditStore.DecisionRecord> decisions = store.decisions(runId);
            long delegations = decisions.stream().filter(d -> d.kind().equals("DELEGATION")).count();
            long judged = decisions.stream().filter(d -> d.kind().equals("JUDGE")).count();
            long verdicts = decisions.stream().filter(d -> d.kind().equals("CRITIC_VERDICT")).count();
            assertThat(delegations).isEqualTo(rec.count(RunEvent.Delegated.class)).isGreaterThanOrEqualTo(
                    minDelegations);
            assertThat(judged).isEqualTo(rec.count(RunEvent.JudgeDecision.class));
            assertThat(verdicts).isEqualTo(rec.count(RunEvent.CriticVerdict.class)).isGreaterThanOrEqualTo(
                    minVerdicts);
            assertThat(store.handoffs(runId)).hasSize((int) rec.count(RunEvent.Handoff.class))
                    .hasSizeGreaterThanOrEqualTo(minHandoffs);
            if (judgeDecisions > 0) {
                assertThat(judged).isEqualTo(judgeDecisions);
                assertThat(decisions).filteredOn(d -> d.kind().equals("JUDGE"))
                        .allSatisfy(d -> assertThat(d.rationale()).isNotBlank());
            }
            assertThat(store.modelCalls(runId)).hasSize((int) rec.count(RunEvent.ModelResponded.class));
            assertThat(store.agentStats(runId)).extracting(AuditStore.AgentStats::agent)
                    .containsAll(rec.events.stream().filter(e -> e instanceof RunEvent.AgentStarted)
                            .map(RunEvent::nodeId).distinct().toList());
            assertThat(store.verify().intact()).isTrue();
        }
    }
}
