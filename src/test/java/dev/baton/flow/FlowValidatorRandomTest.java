package dev.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The validator never throws and answers deterministically, whatever flow the records can represent. */
class FlowValidatorRandomTest {

    private static final String[] ID_POOL = {
        "a", "b", "c", "d", "e", "f", "start", "out", "", " ", "x/y", "~", "ünï", "-bad", "a.b_c-d", "n1", "n2"
    };
    private static final String[] TEXT = {"", " ", "Writer", "(", "[a-z]+", "{\"type\":\"object\"}", "{", "\\"};

    @Test
    void thousandsOfRandomFlowsNeverMakeTheValidatorThrow() {
        Random random = new Random(20261125L);
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (int round = 0; round < 4000; round++) {
            long seed = random.nextLong();
            Flow flow = randomFlow(new Random(seed));
            List<Problem> first = new ArrayList<>();
            assertThatCode(() -> first.addAll(FlowValidator.validate(flow))).as("seed %d", seed)
                    .doesNotThrowAnyException();
            assertThat(FlowValidator.validate(flow)).as("seed %d is deterministic", seed).isEqualTo(first);
            first.forEach(p -> codes.add(p.code()));
        }
        // the generator must reach most rules, or the test proves little
        assertThat(codes).contains("dangling-edge", "next-cycle", "swarm-no-entry", "invalid-regex",
                "judge-trust-out-of-range", "worker-multiple-supervisors", "unreachable");
        assertThat(codes).hasSizeGreaterThan(40);
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Flow flow = Flow.empty("long", "Long").addNode(AgentNode.of("start", NodeKind.START, "In"));
        List<AgentNode> nodes = new ArrayList<>(flow.nodes());
        List<Edge> edges = new ArrayList<>();
        String previous = "start";
        for (int i = 0; i < 20_000; i++) {
            nodes.add(TestFlows.agent("n" + i, "Step " + i));
            edges.add(Edge.next("e" + i, previous, "n" + i));
            previous = "n" + i;
        }
        nodes.add(AgentNode.of("out", NodeKind.OUTPUT, "Out"));
        edges.add(Edge.next("last", previous, "out"));
        edges.add(Edge.next("back", previous, "n0"));
        Flow big = flow.withNodes(nodes).withEdges(edges);
        List<Problem> problems = FlowValidator.validate(big);
        assertThat(problems).extracting(Problem::code).containsExactly("next-cycle");
    }

    private static Flow randomFlow(Random r) {
        List<AgentNode> nodes = new ArrayList<>();
        int nodeCount = r.nextInt(9);
        for (int i = 0; i < nodeCount; i++) {
            NodeKind kind = r.nextBoolean() ? pick(r, NodeKind.values())
                    : pick(r, new NodeKind[] {NodeKind.AGENT, NodeKind.SUPERVISOR});
            AgentNode n = AgentNode.of(pick(r, ID_POOL), kind, pick(r, TEXT)).withInstructions(pick(r, TEXT));
            if (r.nextInt(4) == 0) {
                n = n.withModel(randomModel(r));
            }
            if (r.nextInt(3) == 0) {
                n = n.withCritic(r.nextBoolean() ? null : new CriticSpec(r.nextBoolean() ? null : pick(r, TEXT),
                        randomChecks(r)));
            }
            if (r.nextInt(3) == 0) {
                n = n.withJudge(r.nextBoolean() ? null : randomJudge(r));
            }
            nodes.add(n);
        }
        List<Edge> edges = new ArrayList<>();
        int edgeCount = r.nextInt(16);
        for (int i = 0; i < edgeCount; i++) {
            ContextPolicy context = r.nextInt(3) == 0 ? null : new ContextPolicy(pick(r, ContextMode.values()),
                    r.nextBoolean() ? List.of() : List.of(pick(r, TEXT)), r.nextBoolean() ? null : r.nextInt(5) - 2);
            ReviewPolicy review = r.nextInt(3) == 0 ? null
                    : new ReviewPolicy(r.nextInt(7) - 2, pick(r, OnExhausted.values()));
            String from = pick(r, ID_POOL);
            String to = pick(r, ID_POOL);
            EdgeKind kind = pick(r, EdgeKind.values());
            if (!nodes.isEmpty() && r.nextBoolean()) {
                // half of the edges join existing nodes with a kind they allow, so that topology rules get exercised
                AgentNode a = nodes.get(r.nextInt(nodes.size()));
                AgentNode b = nodes.get(r.nextInt(nodes.size()));
                from = a.id();
                to = b.id();
                for (EdgeKind k : EdgeKind.values()) {
                    if (FlowValidator.allowed(k, a.kind(), b.kind()) && r.nextBoolean()) {
                        kind = k;
                    }
                }
            }
            edges.add(new Edge(pick(r, ID_POOL), kind, from, to, context, review, pick(r, TEXT)));
        }
        Limits limits = new Limits(r.nextInt(5) - 1, r.nextBoolean() ? null : r.nextInt(5) - 1, r.nextInt(5) - 1,
                Duration.ofSeconds(r.nextInt(5) - 1), Duration.ofSeconds(r.nextInt(5) - 1),
                r.nextBoolean() ? null : (long) r.nextInt(5) - 1);
        return new Flow(pick(r, ID_POOL), pick(r, TEXT), "", r.nextBoolean() ? null : randomModel(r), limits,
                nodes, edges);
    }

    private static List<Check> randomChecks(Random r) {
        List<Check> checks = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            switch (r.nextInt(4)) {
                case 0 -> checks.add(new Check.Regex(pick(r, TEXT)));
                case 1 -> checks.add(new Check.JsonSchema(pick(r, TEXT)));
                case 2 -> checks.add(new Check.MustContain(r.nextBoolean() ? List.of() : List.of(pick(r, TEXT))));
                default -> checks.add(new Check.Length(r.nextBoolean() ? null : r.nextInt(7) - 3,
                        r.nextBoolean() ? null : r.nextInt(7) - 3));
            }
        }
        return checks;
    }

    private static JudgeSpec randomJudge(Random r) {
        Map<String, Double> trust = new HashMap<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            trust.put(pick(r, ID_POOL), r.nextInt(4) == 0 ? Double.NaN : r.nextDouble() * 3 - 1);
        }
        return new JudgeSpec(pick(r, JudgeStrategy.values()), trust, r.nextBoolean() ? null : pick(r, ID_POOL));
    }

    private static ModelRef randomModel(Random r) {
        String provider = r.nextBoolean() ? pick(r, new String[] {"simulated", "openai-compatible", "ollama"})
                : pick(r, TEXT);
        Double temperature = r.nextBoolean() ? null : r.nextInt(4) == 0 ? Double.NaN : r.nextDouble() * 4 - 1;
        return new ModelRef(provider, pick(r, TEXT), r.nextBoolean() ? null : pick(r, TEXT), temperature);
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
