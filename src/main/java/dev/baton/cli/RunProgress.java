package dev.baton.cli;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.flow.NodeKind;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;

import java.io.PrintWriter;

/**
 * Live progress of a run on stderr: who is working, each handoff, delegation, verdict, decision and problem. Each
 * line is redacted and its control characters escaped: an id or a model's text cannot forge a line.
 */
final class RunProgress implements RunListener {

    private final PrintWriter err;
    private final Redactor redactor;

    RunProgress(PrintWriter err, Redactor redactor) {
        this.err = err;
        this.redactor = redactor;
    }

    @Override
    public void onEvent(RunEvent event) {
        String line = describe(event);
        if (line != null) {
            err.println(SafeText.escapeControls(redactor.redact(line)));
            err.flush();
        }
    }

    static String describe(RunEvent event) {
        return event.accept(LINES);
    }

    private static final Lines LINES = new Lines();

    /** One line per event type; null for the types the progress leaves out. */
    private static final class Lines implements RunEvent.Handler<String> {

        @Override
        public String on(RunEvent.RunStarted e) {
            return "run " + e.runId() + ": " + e.flowName() + " on " + String.join(", ", e.providers())
                    + (e.simulated() ? " (simulated)" : "");
        }

        @Override
        public String on(RunEvent.AgentStarted e) {
            return e.kind() == NodeKind.START || e.kind() == NodeKind.OUTPUT ? null
                    : "> " + e.name() + " [" + e.nodeId() + "] working" + (e.attempt() > 1 ? " (attempt "
                    + e.attempt() + ")" : "");
        }

        @Override
        public String on(RunEvent.ContextPassed e) {
            return null;
        }

        @Override
        public String on(RunEvent.ModelRequested e) {
            return null;
        }

        @Override
        public String on(RunEvent.ModelResponded e) {
            return null;
        }

        @Override
        public String on(RunEvent.TokenChunk e) {
            return null;
        }

        @Override
        public String on(RunEvent.ToolCalled e) {
            return null;
        }

        @Override
        public String on(RunEvent.ToolCallRequested e) {
            return "  tool " + e.nodeId() + " -> " + tool(e.server(), e.tool()) + " " + oneLine(e.argumentsJson());
        }

        @Override
        public String on(RunEvent.ToolCallFinished e) {
            return "  tool " + tool(e.server(), e.tool()) + (e.error() ? " error" : " ok") + " (" + e.durationMs()
                    + " ms, " + e.bytes() + " bytes" + (e.truncated() ? ", truncated" : "") + "): "
                    + oneLine(e.content());
        }

        @Override
        public String on(RunEvent.ToolApprovalRequested e) {
            return "  approval asked: " + e.nodeId() + " -> " + tool(e.server(), e.tool()) + " "
                    + oneLine(e.argumentsJson());
        }

        @Override
        public String on(RunEvent.ToolApprovalAnswered e) {
            return "  approval " + e.tool() + ": " + e.decision() + " by " + e.by()
                    + (e.reason().isEmpty() ? "" : " - " + oneLine(e.reason()))
                    + (e.editedArguments().isEmpty() ? "" : " with arguments " + oneLine(e.editedArguments()));
        }

        @Override
        public String on(RunEvent.Handoff e) {
            return "  handoff " + e.from() + " -> " + e.to() + ": " + oneLine(e.reason());
        }

        @Override
        public String on(RunEvent.HandoffIgnored e) {
            return "  ignored handoff " + e.from() + " -> " + e.to() + " (" + e.why() + ")";
        }

        @Override
        public String on(RunEvent.Delegated e) {
            return "  " + e.supervisor() + " -> " + e.worker() + ": " + oneLine(e.instruction());
        }

        @Override
        public String on(RunEvent.DelegationReturned e) {
            return null;
        }

        @Override
        public String on(RunEvent.WorkerFailureHandled e) {
            return "  worker " + e.worker() + " failed; " + e.supervisor() + " " + e.action()
                    + (e.then().isEmpty() ? "" : " to " + e.then()) + ": " + oneLine(e.cause());
        }

        @Override
        public String on(RunEvent.CriticVerdict e) {
            return "  critic " + e.nodeId() + " on " + e.reviewedNode() + ": " + (e.pass() ? "pass" : "reject")
                    + " - " + oneLine(e.feedback());
        }

        @Override
        public String on(RunEvent.Retried e) {
            return "  retry " + e.nodeId() + " (" + e.reason() + ", attempt " + e.attempt()
                    + (e.delayMs() > 0 ? ", in " + e.delayMs() + " ms" : "") + "): " + oneLine(e.cause());
        }

        @Override
        public String on(RunEvent.JudgeDecision e) {
            return "  judge " + e.nodeId() + " (" + e.strategy() + "): " + e.winner() + " - " + oneLine(e.rationale());
        }

        @Override
        public String on(RunEvent.RouteDecision e) {
            return "  router " + e.nodeId() + " (" + e.mode().name().toLowerCase(java.util.Locale.ROOT) + "): to "
                    + e.target() + " - " + oneLine(e.reason());
        }

        @Override
        public String on(RunEvent.HumanInputRequested e) {
            return null;
        }

        @Override
        public String on(RunEvent.HumanInputReceived e) {
            return null;
        }

        @Override
        public String on(RunEvent.LimitReached e) {
            return "! limit " + e.limit() + ": " + e.detail();
        }

        @Override
        public String on(RunEvent.AgentFinished e) {
            return e.nodeId().isEmpty() || e.latencyMs() == 0 && e.inputTokens() == 0 && e.waitedMs() == 0 ? null
                    : "  done " + e.nodeId() + " (" + e.latencyMs() + " ms, " + e.inputTokens() + "+"
                    + e.outputTokens() + " tokens" + (e.waitedMs() > 0 ? ", waited " + e.waitedMs() + " ms" : "")
                    + ")";
        }

        @Override
        public String on(RunEvent.AgentFailed e) {
            return "! " + e.nodeId() + " failed: " + e.cause();
        }

        @Override
        public String on(RunEvent.RunWarning e) {
            return "! warning: " + e.message();
        }

        @Override
        public String on(RunEvent.RunFinished e) {
            return "finished in " + e.totals().elapsedMs() + " ms, " + e.totals().modelCalls() + " model calls, "
                    + e.totals().totalTokens() + " tokens";
        }

        @Override
        public String on(RunEvent.RunFailed e) {
            return null;
        }

        @Override
        public String on(RunEvent.RunCancelled e) {
            return null;
        }
    }

    private static String tool(String server, String tool) {
        return server.isEmpty() ? tool : server + "/" + tool;
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
