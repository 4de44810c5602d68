package dev.baton.tool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
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
import dev.baton.testing.StubProviders;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two sides of {@link ToolLoopBench}, each a whole run timed in nanoseconds: Baton's engine running an agent
 * whose zero-latency stub model asks for the built-in calculator {@code calls} times (one call per reply), then
 * answers "done" (every call through the approval policy, the runner's schema check, cap and redaction, with its
 * events); and LangChain4j's own loop (AiServices with an {@code @Tool} method doing the same calculator work) on a
 * stub ChatModel that replies the same way. {@code -Dbench.tool=current_time} makes both call the built-in clock
 * instead (one argument, the zone), a tool whose own work is small. Both stubs decide alike: they count the tool results in the request
 * (a plain loop over the messages) and ask for one more call until {@code calls} results are back. Static entry
 * points so that {@link ToolLoopBench} can load this class once per build, each in its own class loader.
 */
public final class ToolLoopSides {

    static final String EXPRESSION = "(1250000 * 0.035) / 12";
    static final String ZONE = "UTC";

    /**
     * The built-in tool both loops call ({@code bench.tool}): {@code calculator} (EvalEx arithmetic, about half of a
     * call) or {@code current_time} (a clock read and a date format: the overhead of the loops with little work).
     */
    static final String TOOL = System.getProperty("bench.tool", "calculator");
    static final String ARGS = TOOL.equals("current_time") ? "{\"timezone\":\"" + ZONE + "\"}"
            : "{\"expression\":\"" + EXPRESSION + "\"}";
    private static final Map<String, String> STRING_ARGS = TOOL.equals("current_time") ? Map.of("timezone", ZONE)
            : Map.of("expression", EXPRESSION);

    private static final ToolRegistry BUILT_INS = BuiltInTools.registerAll(new ToolRegistry(),
            BuiltInTools.Settings.defaults(null, List.of()));
    /** The same calculator work for both loops: Baton's built-in tool. */
    static final Tool CALCULATOR = BUILT_INS.find("calculator").orElseThrow();
    /** The same clock work for both loops: Baton's built-in tool. */
    static final Tool CURRENT_TIME = BUILT_INS.find("current_time").orElseThrow();

    private static final Map<Integer, FlowRunner> RUNNERS = new ConcurrentHashMap<>();
    private static final Map<Integer, Assistant> PEERS = new ConcurrentHashMap<>();
    private static final Map<Integer, Flow> FLOWS = new ConcurrentHashMap<>();

    private ToolLoopSides() {
    }

    /** One Baton run with {@code calls} tool calls; nanoseconds from start to its result. */
    public static long baton(int calls) throws InterruptedException {
        FlowRunner runner = RUNNERS.computeIfAbsent(calls, n -> FlowRunner.create(batonStub(n), RunnerOptions.DEFAULT));
        Flow flow = FLOWS.computeIfAbsent(calls, ToolLoopSides::flow);
        long t = System.nanoTime();
        RunResult r = runner.run(flow, RunRequest.of("sum it"));
        long ns = System.nanoTime() - t;
        if (r.status() != RunStatus.SUCCEEDED || !r.output().contains("done")) {
            throw new IllegalStateException("baton run: " + r.status() + " " + r.cause());
        }
        return ns;
    }

    /** One LangChain4j AiServices chat with {@code calls} tool calls; nanoseconds. */
    public static long peer(int calls) {
        Assistant peer = PEERS.computeIfAbsent(calls, n -> AiServices.builder(Assistant.class)
                .chatModel(peerStub(n)).tools(TOOL.equals("current_time") ? new Clock() : new Calculator())
                .maxSequentialToolsInvocations(n + 5).build());
        long t = System.nanoTime();
        String out = peer.chat("sum it");
        long ns = System.nanoTime() - t;
        if (!out.contains("done")) {
            throw new IllegalStateException("peer: " + out);
        }
        return ns;
    }

    /** The tool's work alone, {@code calls} times as the peer's tool method does it; nanoseconds. */
    public static long tool(int calls) throws Exception {
        boolean clock = TOOL.equals("current_time");
        Calculator calculator = new Calculator();
        Clock time = new Clock();
        long t = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if ((clock ? time.current_time(ZONE) : calculator.calculator(EXPRESSION)).isEmpty()) {
                throw new IllegalStateException("no result");
            }
        }
        return System.nanoTime() - t;
    }

    /** LangChain4j's side: the tool as an annotated method. */
    public static final class Calculator {
        @dev.langchain4j.agent.tool.Tool("Evaluates an arithmetic expression exactly")
        public String calculator(@P("the expression") String expression) throws Exception {
            JsonNode args = ToolSchemas.MAPPER.createObjectNode().put("expression", expression);
            return CALCULATOR.call(args);
        }
    }

    /** LangChain4j's side: the clock tool as an annotated method (named as Baton's built-in). */
    public static final class Clock {
        @dev.langchain4j.agent.tool.Tool("Returns the current date and time in a time zone")
        public String current_time(@P("IANA time zone id") String timezone) throws Exception {
            JsonNode args = ToolSchemas.MAPPER.createObjectNode().put("timezone", timezone);
            return CURRENT_TIME.call(args);
        }
    }

    /** LangChain4j's assistant. */
    public interface Assistant {
        /** One user message, the tool loop, the answer. */
        String chat(String message);
    }

    private static Flow flow(int calls) {
        return Flow.empty("bench", "bench")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("calc", NodeKind.AGENT, "Calc").withRole("adds up")
                        .withModel(new ModelRef("openai", "stub", null, null)).withTools(List.of(TOOL)))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "calc"))
                .addEdge(Edge.next("e2", "calc", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(), calls + 5, Map.of()));
    }

    /** Baton's stub: a calculator call per reply until {@code calls} results are back, then "done". */
    private static ModelProvider batonStub(int calls) {
        return StubProviders.answering((request, sink) -> {
            int results = 0;
            for (ChatMessage m : request.messages()) {
                if (m instanceof ChatMessage.ToolResult) {
                    results++;
                }
            }
            if (results >= calls) {
                return new ModelReply("done", List.of(), 1, 1, true, "stub", "stub", false);
            }
            return new ModelReply("", List.of(new dev.baton.engine.model.ToolCall("c" + results,
                    TOOL, STRING_ARGS, ARGS)), 1, 1, true, "stub", "stub", false);
        });
    }

    /** The peer's stub: the same replies as LangChain4j messages. */
    private static ChatModel peerStub(int calls) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                int results = 0;
                for (dev.langchain4j.data.message.ChatMessage m : request.messages()) {
                    if (m instanceof ToolExecutionResultMessage) {
                        results++;
                    }
                }
                AiMessage reply = results >= calls ? AiMessage.from("done")
                        : AiMessage.from(ToolExecutionRequest.builder().id("c" + results).name(TOOL)
                        .arguments(ARGS).build());
                return ChatResponse.builder().aiMessage(reply).build();
            }
        };
    }
}
