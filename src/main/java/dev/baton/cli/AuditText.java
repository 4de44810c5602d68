package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.audit.AuditStore;
import dev.baton.audit.RunExport;
import dev.baton.secret.SafeText;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text forms of audit records for the terminal: times, excerpts and one line per timeline event. */
final class AuditText {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private AuditText() {
    }

    /** A stored value on one line, control characters escaped. */
    static String safe(Object value) {
        return SafeText.escapeControls(String.valueOf(value));
    }

    static String time(Instant t) {
        return t == null ? "-" : WHEN.format(t);
    }

    static String clock(Instant t) {
        return t == null ? "-" : CLOCK.format(t);
    }

    /** The text on one line, cut to {@code max} characters with an ellipsis. */
    static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        // cut first, then escape: a stored text with terminal escape sequences must not move the cursor or forge a line
        return SafeText.escapeControls(line.length() <= max ? line : line.substring(0, max - 1) + "…");
    }

    /** A cost in US dollars, with enough digits for a single cheap call. */
    static String usd(double cost) {
        return String.format(java.util.Locale.ROOT, cost >= 0.01 ? "$%.4f" : "$%.6f", cost);
    }

    static JsonNode payload(AuditStore.StoredEvent e) {
        return RunExport.payload(e);
    }

    /** What happened in one event, for the timeline; null for events the timeline leaves out (token chunks). */
    static String describe(AuditStore.StoredEvent e) {
        JsonNode p = payload(e);
        return switch (e.kind()) {
            case "RunStarted" -> "run started: flow " + s(p, "flowId") + ", input \"" + excerpt(s(p, "input"), 80)
                    + "\"";
            case "AgentStarted" -> s(p, "kind") + " " + s(p, "name") + " started (attempt " + p.path("attempt")
                    .asInt() + ")";
            case "ContextPassed" -> "context from " + s(p, "fromNode") + " (" + s(p, "mode") + ", "
                    + p.path("tokens").asInt() + " tokens" + (p.path("truncated").asBoolean() ? ", truncated" : "")
                    + ")";
            case "ModelRequested" -> "model call, turn " + p.path("turn").asInt() + ", " + p.path("messages").asInt()
                    + " messages";
            case "ModelResponded" -> "model answered: " + s(p, "provider") + "/" + s(p, "model") + ", "
                    + p.path("inputTokens").asInt() + " in / " + p.path("outputTokens").asInt() + " out tokens, "
                    + p.path("latencyMs").asLong() + " ms"
                    + (p.path("costUsd").isNumber() ? ", " + usd(p.path("costUsd").asDouble()) : "");
            case "TokenChunk" -> null;
            case "ToolCalled" -> "tool " + s(p, "tool") + " called";
            case "ToolCallRequested" -> "TOOL " + s(p, "tool") + " called: " + excerpt(s(p, "argumentsJson"), 100);
            case "ToolCallFinished" -> "tool " + s(p, "tool") + (p.path("error").asBoolean() ? " FAILED: " : " answered: ")
                    + excerpt(s(p, "content"), 100) + " (" + p.path("durationMs").asLong() + " ms, "
                    + p.path("bytes").asLong() + " bytes)";
            case "ToolApprovalRequested" -> "APPROVAL ASKED for " + s(p, "tool") + ": "
                    + excerpt(s(p, "argumentsJson"), 100);
            case "ToolApprovalAnswered" -> "APPROVAL " + s(p, "tool") + ": " + s(p, "decision") + " by " + s(p, "by")
                    + (s(p, "reason").isEmpty() ? "" : " - " + excerpt(s(p, "reason"), 100))
                    + (s(p, "editedArguments").isEmpty() ? "" : " [edited: " + excerpt(s(p, "editedArguments"), 80)
                    + "]");
            case "Handoff" -> "HANDOFF " + s(p, "from") + " -> " + s(p, "to") + ": " + excerpt(s(p, "reason"), 100)
                    + " [context " + s(p, "contextMode") + ", " + s(p, "context").length() + " chars]";
            case "HandoffIgnored" -> "handoff " + s(p, "from") + " -> " + s(p, "to") + " ignored: " + s(p, "why");
            case "Delegated" -> "DELEGATED " + s(p, "supervisor") + " -> " + s(p, "worker") + ": \""
                    + excerpt(s(p, "instruction"), 100) + "\"";
            case "DelegationReturned" -> "worker " + s(p, "worker") + " answered " + s(p, "supervisor");
            case "WorkerFailureHandled" -> "WORKER FAILED " + s(p, "worker") + " (" + s(p, "policy") + "): "
                    + s(p, "supervisor") + " " + s(p, "action") + (s(p, "then").isEmpty() ? "" : " to " + s(p, "then"))
                    + " - " + excerpt(s(p, "cause"), 100);
            case "CriticVerdict" -> "VERDICT on " + s(p, "reviewedNode") + ": "
                    + (p.path("pass").asBoolean() ? "pass" : "fail") + " - " + excerpt(s(p, "feedback"), 100);
            case "Retried" -> "retry " + p.path("attempt").asInt() + " (" + s(p, "reason") + ") "
                    + excerpt(s(p, "cause"), 80);
            case "JudgeDecision" -> "DECISION (" + s(p, "strategy") + "): winner " + s(p, "winner") + " - "
                    + excerpt(s(p, "rationale"), 100);
            case "RouteDecision" -> "ROUTE (" + s(p, "mode") + "): to " + s(p, "target") + " - "
                    + excerpt(s(p, "reason"), 100);
            case "HumanInputRequested" -> "asked the person: " + excerpt(s(p, "question"), 100);
            case "HumanInputReceived" -> "the person answered: " + excerpt(s(p, "answer"), 100);
            case "LimitReached" -> "LIMIT " + s(p, "limit") + ": " + s(p, "detail");
            case "AgentFinished" -> "finished: " + p.path("inputTokens").asInt() + " in / "
                    + p.path("outputTokens").asInt() + " out tokens, " + p.path("latencyMs").asLong() + " ms"
                    + (p.path("waitedMs").asLong() > 0 ? ", waited " + p.path("waitedMs").asLong() + " ms" : "");
            case "AgentFailed" -> "FAILED: " + excerpt(s(p, "cause"), 120);
            case "RunWarning" -> "warning: " + excerpt(s(p, "message"), 120);
            case "RunFinished" -> "run finished";
            case "RunFailed" -> "run " + s(p, "status") + ": " + excerpt(s(p, "cause"), 120);
            case "RunCancelled" -> "run cancelled: " + s(p, "reason");
            default -> e.kind();
        };
    }

    private static String s(JsonNode p, String field) {
        return SafeText.escapeControls(p.path(field).asText(""));
    }
}
