package dev.baton.tool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolSchemas;
import dev.baton.tool.builtin.BuiltInTools;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tool-loop overhead per call, side by side in one JVM: Baton's engine (an agent whose zero-latency stub model asks
 * for the built-in calculator {@value #CALLS} times, one call per reply, then answers; every call through the
 * approval gate, the runner's schema check, time limit, cap and redaction, with its events) against LangChain4j's own
 * loop (AiServices with an {@code @Tool} method doing the same calculator work on the same kind of stub ChatModel).
 * Rounds alternate; the figure is the median per-call time over rounds (whole run or chat() call / calls).
 */
public final class ToolLoopBench {

    static final int CALLS = 50;
    private static final String EXPRESSION = "(1250000 * 0.035) / 12";
    private static final String ARGS = "{\"expression\":\"" + EXPRESSION + "\"}";

    private ToolLoopBench() {
    }

    /** The same calculator work for both loops: Baton's built-in tool. */
    static final Tool CALCULATOR = BuiltInTools.registerAll(new ToolRegistry(),
            BuiltInTools.Settings.defaults(null, List.of())).find("calculator").orElseThrow();

    /** LangChain4j's side: the tool as an annotated method. */
    public static final class Calculator {
        final AtomicLong calls = new AtomicLong();

        @dev.langchain4j.agent.tool.Tool("Evaluates an arithmetic expression exactly")
        public String calculator(@P("the expression") String expression) throws Exception {
            calls.incrementAndGet();
            JsonNode args = ToolSchemas.MAPPER.createObjectNode().put("expression", expression);
            return CALCULATOR.call(args);
        }
    }

    /** LangChain4j's assistant. */
    interface Assistant {
        String chat(String message);
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 40);
        FlowRunner runner = FlowRunner.create(batonStub(), RunnerOptions.DEFAULT);
        Flow flow = flow();
        Calculator calc = new Calculator();
        Assistant peer = AiServices.builder(Assistant.class).chatModel(peerStub()).tools(calc)
                .maxSequentialToolsInvocations(CALLS + 5).build();
        for (int i = 0; i < 30; i++) {
            baton(runner, flow);
            peer(peer);
        }
        double[] b = new double[rounds];
        double[] p = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            b[i] = baton(runner, flow);
            p[i] = peer(peer);
        }
        Arrays.sort(b);
        Arrays.sort(p);
        double bm = b[rounds / 2];
        double pm = p[rounds / 2];
        System.out.printf("tool loop, %d calculator calls per run, %d rounds (median per call):%n", CALLS, rounds);
        System.out.printf("  Baton engine      %8.1f µs/call (p90 %.1f)%n", bm, b[rounds * 9 / 10]);
        System.out.printf("  LangChain4j loop  %8.1f µs/call (p90 %.1f)%n", pm, p[rounds * 9 / 10]);
        System.out.printf("  ratio Baton/peer  %8.2f (goal <= 0.5)%n", bm / pm);
    }

    private static double baton(FlowRunner runner, Flow flow) throws Exception {
        long t = System.nanoTime();
        RunResult r = runner.run(flow, RunRequest.of("sum it"));
        long ns = System.nanoTime() - t;
        if (r.status() != RunStatus.SUCCEEDED || !r.output().contains("done")) {
            throw new IllegalStateException("baton run: " + r.status() + " " + r.cause());
        }
        return ns / 1000.0 / CALLS;
    }

    private static double peer(Assistant peer) {
        long t = System.nanoTime();
        String out = peer.chat("sum it");
        long ns = System.nanoTime() - t;
        if (!out.contains("done")) {
            throw new IllegalStateException("peer: " + out);
        }
        return ns / 1000.0 / CALLS;
    }

    private static Flow flow() {
        return Flow.empty("bench", "bench")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("calc", NodeKind.AGENT, "Calc").withRole("adds up")
                        .withModel(new ModelRef("openai", "stub", null, null)).withTools(List.of("calculator")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "calc"))
                .addEdge(Edge.next("e2", "calc", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(), CALLS + 5, Map.of()));
    }

    /** Baton's stub: a calculator call per reply until {@value #CALLS} results are back, then "done". */
    private static ModelProvider batonStub() {
        return new ModelProvider() {
            @Override
            public String missingCredentials(ModelRef ref) {
                return null;
            }

            @Override
            public AgentModel model(ModelRef ref) {
                return (request, sink) -> {
                    int results = 0;
                    for (ChatMessage m : request.messages()) {
                        if (m instanceof ChatMessage.ToolResult) {
                            results++;
                        }
                    }
                    if (results >= CALLS) {
                        return new ModelReply("done", List.of(), 1, 1, true, "stub", "stub", false);
                    }
                    return new ModelReply("", List.of(new dev.baton.engine.model.ToolCall("c" + results,
                            "calculator", Map.of("expression", EXPRESSION), ARGS)), 1, 1, true, "stub", "stub",
                            false);
                };
            }
        };
    }

    /** The peer's stub: the same replies as LangChain4j messages. */
    private static ChatModel peerStub() {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                long results = request.messages().stream().filter(m -> m instanceof ToolExecutionResultMessage)
                        .count();
                AiMessage reply = results >= CALLS ? AiMessage.from("done")
                        : AiMessage.from(ToolExecutionRequest.builder().id("c" + results).name("calculator")
                        .arguments(ARGS).build());
                return ChatResponse.builder().aiMessage(reply).build();
            }
        };
    }
}
