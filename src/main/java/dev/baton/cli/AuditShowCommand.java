package dev.baton.cli;

import dev.baton.audit.AuditStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code baton audit show RUN}: a run's timeline (who handed what to whom, decisions, tokens, latency). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one run: its timeline, decisions with reasons, tokens and latency per agent.")
final class AuditShowCommand implements Callable<Integer> {

    @CommandLine.Mixin
    private AuditCommand.DbOption db;

    @Parameters(paramLabel = "RUN", description = "the run id, or any part of it that only one run has (e.g. its last 8 characters)")
    private String run;

    @CommandLine.Option(names = "--chunks", description = "also list streamed token chunks")
    private boolean chunks;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return AuditCommand.withStore(spec, db.db, (store, out, err) -> {
            Optional<AuditStore.RunSummary> found = store.run(run);
            if (found.isEmpty()) {
                err.println("baton audit show: no run '" + AuditText.safe(run) + "' in " + db.db);
                return BatonCommand.INVALID;
            }
            AuditStore.RunSummary r = found.get();
            header(r, out);
            cost(store.modelCalls(r.runId()), out);
            out.println();
            out.println("Timeline (UTC):");
            for (AuditStore.StoredEvent e : store.events(r.runId())) {
                String what = AuditText.describe(e);
                if (what == null && chunks) {
                    what = "chunk \"" + AuditText.excerpt(AuditText.payload(e).path("text").asText(""), 60) + "\"";
                }
                if (what != null) {
                    out.printf("  #%-5d %s  %-18s %s%n", e.seq(), AuditText.clock(e.time()),
                            e.nodeId().isEmpty() ? "-" : AuditText.safe(e.nodeId()), what);
                }
            }
            agents(store.agentStats(r.runId()), out);
            tools(store.toolCalls(r.runId()), out);
            return BatonCommand.OK;
        });
    }

    /** The run's tool calls, one line each: who called what, with which arguments, and how it went. */
    private static void tools(List<AuditStore.ToolCallRecord> calls, PrintWriter out) {
        if (calls.isEmpty()) {
            return;
        }
        out.println();
        out.println("Tool calls:");
        for (AuditStore.ToolCallRecord t : calls) {
            String tool = t.server().isEmpty() ? t.tool() : t.server() + "/" + t.tool();
            out.printf("  #%-5d %-18s %-14s %-5s %6d ms %8d B  %s -> %s%n", t.seq(), AuditText.safe(t.agent()),
                    AuditText.safe(tool), t.error() ? "error" : "ok", t.durationMs(), t.bytes(),
                    AuditText.safe(AuditText.excerpt(t.arguments() == null ? "" : t.arguments(), 60)),
                    AuditText.safe(AuditText.excerpt(t.result() == null ? "" : t.result(), 80)));
        }
    }

    private static void header(AuditStore.RunSummary r, PrintWriter out) {
        out.println("Run      " + AuditText.safe(r.runId()));
        out.println("Flow     " + AuditText.safe(r.flowName()) + " (" + AuditText.safe(r.flowId())
                + "), flow JSON sha256 " + AuditText.safe(r.flowSha256()));
        out.println("Status   " + r.status() + (r.statusDetail() == null ? "" : ": "
                + AuditText.safe(r.statusDetail())));
        out.println("Started  " + AuditText.time(r.startedAt()) + "   ended " + AuditText.time(r.endedAt()));
        out.println("Models   " + AuditText.safe(String.join(", ", r.providers())) + (r.simulated() ? " (simulated)" : ""));
        out.println("Totals   " + r.inputTokens() + " tokens in, " + r.outputTokens() + " out, " + r.modelCalls()
                + " model calls, " + r.lastSeq() + " events");
        out.println("Input    " + AuditText.excerpt(r.input(), 160));
        if (r.output() != null) {
            out.println("Output   " + AuditText.excerpt(r.output(), 160));
        }
    }

    /** The run's total at list price: the sum over the calls whose model has a known price. */
    private static void cost(List<AuditStore.ModelCallRecord> calls, PrintWriter out) {
        double total = 0;
        int priced = 0;
        for (AuditStore.ModelCallRecord c : calls) {
            if (c.costUsd() != null) {
                total += c.costUsd();
                priced++;
            }
        }
        if (priced == 0) {
            out.println("Cost     unknown (no list price for " + (calls.isEmpty() ? "any model" : "these models")
                    + ")");
        } else {
            out.println("Cost     " + AuditText.usd(total) + " at list price"
                    + (priced < calls.size() ? " (" + priced + " of " + calls.size() + " model calls priced)" : ""));
        }
    }

    private static void agents(List<AuditStore.AgentStats> stats, PrintWriter out) {
        if (stats.isEmpty()) {
            return;
        }
        out.println();
        out.println("Agents:");
        out.printf("  %-20s %5s %6s %7s %9s %9s %10s%n", "AGENT", "RUNS", "CALLS", "FAILED", "TOKENS IN",
                "TOKENS OUT", "MEAN MS");
        for (AuditStore.AgentStats a : stats) {
            out.printf("  %-20s %5d %6d %7d %9d %10d %10d%n", AuditText.safe(a.agent()), a.activations(), a.modelCalls(),
                    a.failedCalls(), a.inputTokens(), a.outputTokens(), a.meanLatencyMs());
        }
    }
}
