package dev.baton.engine.bench;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.agentic.supervisor.SupervisorAgent;
import dev.langchain4j.agentic.supervisor.SupervisorResponseStrategy;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engine overhead side by side with langchain4j-agentic in one JVM, both on a stub model that answers at once.
 * Not a test (excluded from surefire). Run:
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.engine.bench.EngineBench [iterations]
 * </pre>
 * Prints µs per step (best of 7 alternating rounds, {@code -Drounds=N}; {@code -Dsteps=N} agents) and the ratios.
 */
public final class EngineBench {

    static final int STEPS = Integer.getInteger("steps", 10);

    /** The agentic peer's agent: one model call. */
    public interface StepAgent {
        @UserMessage("{{input}}")
        @Agent("one step")
        String step(@V("input") String input);
    }

    public static void main(String[] args) throws Exception {
        // the peer logs every supervisor decision at INFO; console logging would slow it and flatter us
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        FlowRunner runner = FlowRunner.create(new StubProvider(), RunnerOptions.DEFAULT);
        Flow chain = chain();
        Flow supervisor = supervisor();
        UntypedAgent peerChain = peerSequence();
        SupervisorAgent peerSupervisor = peerSupervisor();

        int rounds = Integer.getInteger("rounds", 7);
        double ours = Double.MAX_VALUE;
        double peer = Double.MAX_VALUE;
        double oursSup = Double.MAX_VALUE;
        double peerSup = Double.MAX_VALUE;
        // alternate the contenders and keep each one's best round: the VM is shared and noisy
        for (int round = 0; round < rounds; round++) {
            ours = Math.min(ours, perStep(iterations, () -> runOk(runner, chain)));
            peer = Math.min(peer, perStep(iterations, () -> peerChain.invoke(Map.of("input", "go"))));
            oursSup = Math.min(oursSup, perStep(iterations / 4, () -> runOk(runner, supervisor)));
            peerSup = Math.min(peerSup, perStep(iterations / 4, () -> peerSupervisor.invoke("go")));
        }
        System.out.printf("chain:      baton %.2f µs/step, agentic %.2f µs/step, ratio %.2f (target <= 0.5)%n",
                ours, peer, ours / peer);
        System.out.printf("supervisor: baton %.2f µs/step, agentic %.2f µs/step, ratio %.2f (target <= 0.25)%n",
                oursSup, peerSup, oursSup / peerSup);
        FlowRunner slow = FlowRunner.create(new StubProvider(200), RunnerOptions.DEFAULT);
        Flow parallel = parallel(16);
        runOk(slow, parallel);
        long t0 = System.nanoTime();
        runOk(slow, parallel);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("parallel:   16 branches x 200 ms in %.1f ms, ratio %.3f (target <= 1.05)%n", ms, ms / 200);
    }

    interface Body {
        void run() throws Exception;
    }

    private static double perStep(int iterations, Body body) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            body.run();
        }
        return (System.nanoTime() - t0) / 1e3 / iterations / STEPS;
    }

    private static void runOk(FlowRunner runner, Flow flow) throws Exception {
        RunResult r = runner.run(flow, RunRequest.of("go"));
        if (r.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException(r.cause());
        }
    }

    private static Flow base() {
        return Flow.empty("bench", "bench").withLimits(new Limits(STEPS + 2, 20, 3, Duration.ofSeconds(60),
                        Duration.ofMinutes(5), null))
                .addNode(AgentNode.of("start", NodeKind.START, "start"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "out"));
    }

    static Flow chain() {
        Flow f = base();
        String prev = "start";
        for (int i = 0; i < STEPS; i++) {
            f = f.addNode(AgentNode.of("a" + i, NodeKind.AGENT, "a" + i))
                    .addEdge(Edge.next("e" + i, prev, "a" + i).withContext(ContextPolicy.LAST));
            prev = "a" + i;
        }
        return f.addEdge(Edge.next("end", prev, "out").withContext(ContextPolicy.LAST));
    }

    static Flow supervisor() {
        Flow f = base().addNode(AgentNode.of("boss", NodeKind.SUPERVISOR, "boss"))
                .addEdge(Edge.next("e1", "start", "boss")).addEdge(Edge.next("e2", "boss", "out"));
        for (int i = 0; i < STEPS; i++) {
            f = f.addNode(AgentNode.of("w" + i, NodeKind.AGENT, "w" + i)).addEdge(Edge.delegates("d" + i, "boss", "w" + i));
        }
        return f;
    }

    static Flow parallel(int branches) {
        Flow f = base();
        for (int i = 0; i < branches; i++) {
            f = f.addNode(AgentNode.of("p" + i, NodeKind.AGENT, "p" + i)).addEdge(Edge.next("s" + i, "start", "p" + i))
                    .addEdge(Edge.next("o" + i, "p" + i, "out").withContext(ContextPolicy.LAST));
        }
        return f;
    }

    /** Answers at once (or after a fixed latency); a supervisor delegates to one worker per turn, like the peer. */
    static final class StubProvider implements ModelProvider, AgentModel {
        private final long latencyMs;

        StubProvider() {
            this(0);
        }

        StubProvider(long latencyMs) {
            this.latencyMs = latencyMs;
        }

        @Override
        public String missingCredentials(ModelRef ref) {
            return null;
        }

        @Override
        public AgentModel model(ModelRef ref) {
            return this;
        }

        @Override
        public ModelReply chat(dev.baton.engine.model.ModelRequest request, dev.baton.engine.model.TokenSink sink)
                throws dev.baton.engine.model.ModelException {
            if (latencyMs > 0) {
                try {
                    Thread.sleep(latencyMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new dev.baton.engine.model.ModelException(
                            dev.baton.engine.model.ModelException.Kind.CANCELLED, "interrupted");
                }
            }
            if (!request.tools().isEmpty()) {
                long done = request.messages().stream().filter(m -> m instanceof ChatMessage.ToolResult).count();
                if (done < STEPS) {
                    return new ModelReply("", List.of(new ToolCall("c" + done, "delegate_to_w" + done,
                            Map.of("task", "t"))), 1, 1, true, "stub", "stub", false);
                }
            }
            return new ModelReply("ok", List.of(), 1, 1, true, "stub", "stub", false);
        }
    }

    static ChatModel stubChat(java.util.function.Function<ChatRequest, String> answer) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from(answer.apply(request))).build();
            }
        };
    }

    static UntypedAgent peerSequence() {
        ChatModel model = stubChat(r -> "ok");
        List<Object> agents = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            agents.add(AgenticServices.agentBuilder(StepAgent.class).chatModel(model).name("a" + i)
                    .outputKey("input").build());
        }
        return AgenticServices.sequenceBuilder().subAgents(agents).outputKey("input").build();
    }

    static SupervisorAgent peerSupervisor() {
        ChatModel worker = stubChat(r -> "ok");
        List<Object> agents = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            agents.add(AgenticServices.agentBuilder(StepAgent.class).chatModel(worker).name("w" + i)
                    .outputKey("input").build());
        }
        AtomicInteger calls = new AtomicInteger();
        ChatModel planner = stubChat(r -> {
            int n = calls.getAndIncrement() % (STEPS + 1);
            return n < STEPS ? "{\"agentName\": \"w" + n + "\", \"arguments\": {\"input\": \"t\"}}"
                    : "{\"agentName\": \"done\", \"arguments\": {\"response\": \"ok\"}}";
        });
        return AgenticServices.supervisorBuilder().chatModel(planner).subAgents(agents)
                .responseStrategy(SupervisorResponseStrategy.LAST).maxAgentsInvocations(STEPS + 2).build();
    }
}
