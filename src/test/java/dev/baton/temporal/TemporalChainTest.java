package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;
import dev.baton.flow.io.FlowJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chain sample on Temporal's in-process test server with the simulated model: the same events and output as the
 * embedded engine, recorded once in the worker's audit database, which verifies intact.
 */
class TemporalChainTest {

    static final String QUEUE = "baton-test";
    static final String INPUT = "Write a short article on heat pumps for homeowners.";

    @RegisterExtension
    static final TestTemporal temporal = TestTemporal.onQueue(QUEUE);

    static Flow sample(String name) throws Exception {
        return FlowJson.read(Files.readString(Path.of("sample-flows", name))).flow();
    }

    /** The embedded engine's events for the same flow, input and seed, one chunk event per reply. */
    static List<RunEvent> embedded(Flow flow, String input) throws Exception {
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        FlowRunner runner = FlowRunner.create(ModelProviders.routing(SimulatedModel.Settings.DEFAULT),
                RunnerOptions.DEFAULT.withTokenChunkWindow(Duration.ofDays(365)));
        RunListener.Inline keep = events::add;
        runner.run(flow, RunRequest.of(input), keep);
        return List.copyOf(events);
    }

    static List<RunEvent> onTemporal(Flow flow, String input, Wire.RunOutcome[] outcome) throws Exception {
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, flow, input, true);
        List<RunEvent> events = new ArrayList<>();
        outcome[0] = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));
        return events;
    }

    @Test
    void chainSampleRunsLikeTheEmbeddedEngineAndIsAuditedOnce() throws Exception {
        Flow flow = sample("chain-blog-article.json");
        List<RunEvent> local = embedded(flow, INPUT);
        Wire.RunOutcome[] outcome = new Wire.RunOutcome[1];
        List<RunEvent> remote = onTemporal(flow, INPUT, outcome);

        assertThat(outcome[0].status()).isEqualTo("SUCCEEDED");
        assertThat(EventStreams.comparable(remote)).containsExactlyElementsOf(EventStreams.comparable(local));
        RunEvent last = local.get(local.size() - 1);
        assertThat(outcome[0].output()).isEqualTo(((RunEvent.RunFinished) last).output());
        for (int i = 0; i < remote.size(); i++) {
            assertThat(remote.get(i).seq()).isEqualTo(i + 1);
            assertThat(remote.get(i).runId()).isEqualTo(outcome[0].runId());
        }

        try (AuditStore store = H2AuditStore.open(temporal.audit.database())) {
            List<AuditStore.StoredEvent> stored = store.events(outcome[0].runId());
            assertThat(stored).hasSize(remote.size());
            assertThat(stored.get(stored.size() - 1).kind()).isEqualTo("RunFinished");
            assertThat(store.run(outcome[0].runId()).orElseThrow().status()).isEqualTo("SUCCEEDED");
            assertThat(store.verify().intact()).isTrue();
        }
    }

    /**
     * The critic loop decides in the workflow as on the embedded engine: the fact-checker's added check rejects the
     * first article without asking its model, the editor runs again with the feedback, then the check passes and the
     * rubric goes to the critic's model; a second critic whose check never passes continues with a warning.
     */
    @Test
    void aCriticLoopThatRejectsRetriesAndWarnsGivesTheEmbeddedEnginesEvents() throws Exception {
        Flow sample = sample("chain-blog-article.json");
        List<AgentNode> nodes = new ArrayList<>(sample.nodes().stream().map(n -> n.id().equals("fact-checker")
                ? n.withCritic(new CriticSpec(n.critic().rubric(), concat(n.critic().checks(),
                        new Check.MustContain(List.of("heat pump buyers' checklist"))))) : n).toList());
        nodes.add(AgentNode.of("style-checker", NodeKind.CRITIC, "Style checker")
                .withCritic(new CriticSpec(null, List.of(new Check.Regex("^\\d{40}$")))).withPosition(900, 40));
        List<Edge> edges = new ArrayList<>(sample.edges());
        edges.add(Edge.reviews("style-editor", "style-checker", "editor",
                new ReviewPolicy(0, OnExhausted.CONTINUE_WITH_WARNING)));
        Flow flow = sample.withNodes(nodes).withEdges(edges);
        assertThat(flow.edges()).filteredOn(e -> e.kind() == EdgeKind.REVIEWS).hasSize(2);
        List<RunEvent> local = embedded(flow, INPUT);
        Wire.RunOutcome[] outcome = new Wire.RunOutcome[1];
        List<RunEvent> remote = onTemporal(flow, INPUT, outcome);

        assertThat(outcome[0].status()).isEqualTo("SUCCEEDED");
        List<RunEvent.CriticVerdict> verdicts = remote.stream().filter(RunEvent.CriticVerdict.class::isInstance)
                .map(RunEvent.CriticVerdict.class::cast).toList();
        assertThat(verdicts).extracting(v -> v.nodeId() + ":" + v.pass() + ":" + v.attempt())
                .containsExactly("fact-checker:false:1", "fact-checker:true:2", "style-checker:false:2");
        assertThat(remote).filteredOn(RunEvent.Retried.class::isInstance).hasSize(1);
        assertThat(remote).filteredOn(RunEvent.RunWarning.class::isInstance).hasSize(1);
        assertThat(EventStreams.comparable(remote)).containsExactlyElementsOf(EventStreams.comparable(local));
    }

    private static List<Check> concat(List<Check> checks, Check more) {
        List<Check> all = new ArrayList<>(checks);
        all.add(more);
        return all;
    }

    /**
     * Every sample: the same events as the embedded engine. Parallel branches and delegations interleave on the
     * embedded engine as its threads happen to run, so the streams are compared as each node's own events in order
     * and as a whole without sequence numbers; flows without parallel work compare exactly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"chain-blog-article.json", "parallel-contract-review.json",
        "router-support-intake.json", "supervisor-market-entry-japan.json", "swarm-customer-support.json"})
    void everySampleGivesTheEmbeddedEnginesEventsAndOutput(String file) throws Exception {
        Flow flow = sample(file);
        String input = "Our customer in Osaka asks: the invoice of 2 x 149 EUR + 19% VAT was charged twice, "
                + "please refund and review the contract terms.";
        List<RunEvent> local = embedded(flow, input);
        Wire.RunOutcome[] outcome = new Wire.RunOutcome[1];
        List<RunEvent> remote = onTemporal(flow, input, outcome);

        RunEvent last = local.get(local.size() - 1);
        assertThat(last).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(outcome[0].status()).isEqualTo("SUCCEEDED");
        assertThat(outcome[0].output()).isEqualTo(((RunEvent.RunFinished) last).output());
        List<String> a = EventStreams.withoutSeq(remote);
        List<String> b = EventStreams.withoutSeq(local);
        assertThat(a).containsExactlyInAnyOrderElementsOf(b);
        assertThat(EventStreams.byNode(remote)).isEqualTo(EventStreams.byNode(local));
        if (!file.startsWith("parallel") && !file.startsWith("supervisor")) {
            assertThat(EventStreams.comparable(remote)).containsExactlyElementsOf(EventStreams.comparable(local));
        }
    }

    /** A plain tool call is one activity on a worker; the model reads its result as on the embedded engine. */
    @Test
    void toolCallsRunOnTheWorkersWithTheSameResults() throws Exception {
        Flow sample = sample("chain-blog-article.json");
        Flow flow = sample.withNodes(sample.nodes().stream()
                .map(n -> n.id().equals("researcher") ? n.withTools(List.of("calculator")) : n).toList());
        String input = "Heat pumps for homeowners: is 2 * 149 + 19 EUR a month a fair price?";
        List<RunEvent> local = embedded(flow, input);
        Wire.RunOutcome[] outcome = new Wire.RunOutcome[1];
        List<RunEvent> remote = onTemporal(flow, input, outcome);

        assertThat(outcome[0].status()).isEqualTo("SUCCEEDED");
        List<RunEvent.ToolCallFinished> tools = remote.stream().filter(RunEvent.ToolCallFinished.class::isInstance)
                .map(RunEvent.ToolCallFinished.class::cast).toList();
        assertThat(tools).isNotEmpty();
        assertThat(tools.get(0).error()).isFalse();
        assertThat(tools.get(0).content()).contains("317");
        assertThat(EventStreams.comparable(remote)).containsExactlyElementsOf(EventStreams.comparable(local));
    }
}
