package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool loop's cost per call does not grow with the loop: each turn used to copy the whole conversation (the
 * model's action, the request) and the whole converted prompt (the ModelRequested event), so a loop of N calls
 * allocated O(N²). Measured as the bytes this thread allocates (the run and its quick calculator calls run on it),
 * which, unlike time, does not depend on the machine's load.
 */
class ToolLoopScalingTest {

    @Test
    void bytesAllocatedPerToolCallStayTheSameFromFortyToSixHundredCalls() throws Exception {
        double few = bytesPerCall(40);
        double many = bytesPerCall(600);
        // copying the conversation per turn made it ~2x at 600 calls; appending keeps it flat
        System.out.printf("tool loop: %.0f bytes per call at 40 calls, %.0f at 600%n", few, many);
        assertThat(many).as("bytes per call at 600 calls against %.0f at 40", few).isLessThan(few * 1.25);
    }

    /** Bytes allocated per call: (a run with {@code calls} calls - a run with none) / calls, least of five. */
    private static double bytesPerCall(int calls) throws Exception {
        FlowRunner withCalls = FlowRunner.create(stub(calls), RunnerOptions.DEFAULT);
        FlowRunner without = FlowRunner.create(stub(0), RunnerOptions.DEFAULT);
        Flow flow = flow(calls);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 8; i++) { // the first rounds warm the JIT (escape analysis changes what is allocated)
            long full = allocated(withCalls, flow);
            long empty = allocated(without, flow);
            if (i >= 3) {
                best = Math.min(best, (full - empty) / (double) calls);
            }
        }
        return best;
    }

    private static long allocated(FlowRunner runner, Flow flow) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        RunResult r = runner.run(flow, RunRequest.of("sum it"));
        long after = threads.getThreadAllocatedBytes(id);
        assertThat(r.status()).as(String.valueOf(r.cause())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.output()).endsWith("done");
        return after - before;
    }

    /** One agent offered the calculator, allowed {@code calls} tool calls. */
    static Flow flow(int calls) {
        return Flows.flow().node(AgentNode.of("calc", NodeKind.AGENT, "Calc").withRole("adds up")
                        .withModel(new ModelRef("openai", "stub", null, null)).withTools(List.of("calculator")))
                .chain("calc").build()
                .withTools(new ToolSettings(null, List.of(), List.of(), Math.max(1, calls), Map.of()));
    }

    /** A model asking for "1 + n" after n results, one call per reply, until {@code calls} are back, then "done". */
    static ModelProvider stub(int calls) {
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
            String expression = "1 + " + results;
            return new ModelReply("", List.of(new ToolCall("c" + results, "calculator",
                    Map.of("expression", expression), "{\"expression\":\"" + expression + "\"}")), 1, 1,
                    true, "stub", "stub", false);
        });
    }
}
