package dev.baton.flow.io;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Flows built in code that together use every field of the format. */
final class TestFlows {

    private TestFlows() {
    }

    /** Every node kind, every edge kind, every check type, every optional field set. */
    static Flow everyField() {
        AgentNode start = AgentNode.of("start", NodeKind.START, "Request")
                .withInstructions("What to research.\nTwo lines, \"quoted\", tab\there, unicode: é ✓")
                .withPosition(0, 0);
        AgentNode boss = AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss")
                .withRole("Plans the work").withGoal("A complete report").withInstructions("Split the request.")
                .withModel(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "llama-3.1-8b", "http://localhost:8080/v1", 0.2))
                .withExpectedOutput("A report").withPosition(120.5, -40.25);
        AgentNode worker = AgentNode.of("worker", NodeKind.AGENT, "Worker")
                .withTools(List.of("web_search", "calculator")).withPosition(240, 80);
        AgentNode alt = AgentNode.of("alt", NodeKind.AGENT, "Alternative")
                .withModel(new ModelRef(ModelRef.OLLAMA, "qwen2.5", null, 1.0)).withPosition(240, 200);
        AgentNode peer = AgentNode.of("peer", NodeKind.AGENT, "Peer").withPosition(360, 200);
        AgentNode verifier = AgentNode.of("verifier", NodeKind.AGENT, "Verifier").withPosition(480, 320);
        AgentNode critic = AgentNode.of("critic", NodeKind.CRITIC, "Critic")
                .withCritic(new CriticSpec("Every claim has a source.", List.of(
                        new Check.JsonSchema("{\"type\":\"object\",\"required\":[\"title\"],"
                                + "\"properties\":{\"title\":{\"type\":\"string\",\"minLength\":1},"
                                + "\"score\":{\"type\":\"number\",\"maximum\":1.5}},\"additionalProperties\":{}}"),
                        new Check.Regex("(?m)^# .+"),
                        new Check.MustContain(List.of("Sources", "Summary")),
                        new Check.Length(10, null),
                        new Check.Length(null, 5000))))
                .withPosition(120, -200);
        AgentNode emptyCritic = AgentNode.of("lazy-critic", NodeKind.CRITIC, "Lazy critic");
        AgentNode judge = AgentNode.of("judge", NodeKind.JUDGE, "Judge")
                .withJudge(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of("worker", 0.9, "alt", 0.25, "peer", 1.0),
                        "verifier"))
                .withPosition(600, 100);
        AgentNode human = AgentNode.of("human", NodeKind.HUMAN, "Approve")
                .withInstructions("Publish this?").withPosition(720, 100);
        AgentNode output = AgentNode.of("out", NodeKind.OUTPUT, "Answer").withPosition(840, 100);

        List<Edge> edges = List.of(
                Edge.next("start-boss", "start", "boss"),
                Edge.delegates("boss-worker", "boss", "worker").withLabel("sub-task"),
                Edge.next("start-alt", "start", "alt")
                        .withContext(new ContextPolicy(ContextMode.FIELDS, List.of("topic", "audience"), 500)),
                Edge.handoff("alt-peer", "alt", "peer").withContext(ContextPolicy.of(ContextMode.SUMMARY)),
                Edge.handoff("peer-alt", "peer", "alt").withContext(null),
                Edge.next("boss-judge", "boss", "judge").withContext(ContextPolicy.LAST),
                Edge.next("alt-judge", "alt", "judge"),
                Edge.reviews("critic-boss", "critic", "boss", new ReviewPolicy(3, OnExhausted.ASK_HUMAN)),
                Edge.reviews("lazy-critic-judge", "lazy-critic", "judge", new ReviewPolicy(0, OnExhausted.FAIL)),
                Edge.reviews("no-policy", "critic", "worker", null),
                Edge.next("judge-human", "judge", "human"),
                Edge.next("human-out", "human", "out"));

        return new Flow("every-field", "Every field", "A flow that uses every field of the format.",
                new ModelRef(ModelRef.ANTHROPIC, "claude-sonnet", null, null),
                new Limits(5, 12, 4, Duration.ofSeconds(90), Duration.ofMinutes(30), 250_000L),
                List.of(start, boss, worker, alt, peer, verifier, critic, emptyCritic, judge, human, output), edges);
    }

    /** Only the required parts; every optional value absent. */
    static Flow minimal() {
        return new Flow("minimal", "", "", ModelRef.SIMULATED_DEFAULT,
                new Limits(1, null, 0, Duration.ofSeconds(1), Duration.ofSeconds(2), null),
                List.of(AgentNode.of("in", NodeKind.START, ""), AgentNode.of("out", NodeKind.OUTPUT, "")),
                List.of(new Edge("in-out", dev.baton.flow.EdgeKind.NEXT, "in", "out", null, null, "")));
    }
}
