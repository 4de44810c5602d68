package dev.baton.audit;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link AuditCrashTest} kills: records one long run and prints "started RUN" once it runs, then
 * "committed SEQ" after every commit, so the parent knows exactly which events were acknowledged before the kill.
 */
public final class AuditCrashChild {

    private AuditCrashChild() {
    }

    /** START → n agents in a line → OUTPUT, on the simulated model. */
    public static Flow longChain(int agents) {
        Flow f = Flow.empty("long-chain", "Long chain").addNode(AgentNode.of("start", NodeKind.START, "Input"));
        String prev = "start";
        for (int i = 1; i <= agents; i++) {
            String id = "agent-" + i;
            f = f.addNode(AgentNode.of(id, NodeKind.AGENT, "Agent " + i).withRole("Writer number " + i)
                    .withGoal("Rewrite the text a little"));
            f = f.addEdge(Edge.next("e" + i, prev, id));
            prev = id;
        }
        return f.addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output")).addEdge(Edge.next("e-out", prev, "out"));
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        PrintStream out = System.out;
        AuditWriter writer = AuditWriter.open(db, (runId, seq) -> {
            out.println("committed " + seq);
            out.flush();
        });
        Flow flow = longChain(400);
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT
                .withLatency(Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 3), 0)), RunnerOptions.DEFAULT);
        RunHandle h = runner.start(flow, RunRequest.of("Draft a short note").withoutHumanInput(),
                writer.listenerFor(flow));
        out.println("started " + h.runId());
        out.flush();
        h.result().get();
        writer.awaitCommitted(h.runId(), Duration.ofSeconds(60));
        writer.close();
        out.println("finished");
        out.flush();
    }
}
