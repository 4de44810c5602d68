package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.RunGate;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.ToolApprovalRequest;
import dev.baton.flow.AgentNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code baton run}'s answer to tool calls whose policy is {@code ask}: asked on stdin ({@code --approve-tools ask},
 * the default), or decided by the flag ({@code auto}, {@code deny}). Under {@code --no-input} an ask is denied with a
 * message that says how to allow it. A flow's or node's {@code deny} never reaches this gate.
 */
final class CliToolApprovals implements RunGate {

    /** The values of {@code --approve-tools}. */
    enum Mode { ASK, AUTO, DENY }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BY_CLI = "cli";
    private static final String BY_POLICY = "policy";

    private final Mode mode;
    private final BufferedReader in;
    private final PrintWriter err;

    /** {@code in} null: nobody may be asked (--no-input). */
    CliToolApprovals(Mode mode, BufferedReader in, PrintWriter err) {
        this.mode = mode;
        this.in = in;
        this.err = err;
    }

    @Override
    public ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request) {
        String tool = request.tool();
        if (mode == Mode.AUTO) {
            return new ToolApproval(ToolApproval.Decision.APPROVE, BY_POLICY, "--approve-tools auto", null);
        }
        if (mode == Mode.DENY) {
            return ToolApproval.deny(BY_POLICY, "--approve-tools deny");
        }
        if (in == null) {
            return ToolApproval.deny(BY_POLICY, "'" + tool + "' needs approval and --no-input forbids asking; "
                    + "run with --approve-tools auto to allow it");
        }
        // parallel branches may ask at once: one question and its answer at a time on the terminal (the lock is
        // the one StdinQuestions takes too)
        synchronized (in) {
            return ask(node, request);
        }
    }

    private ToolApproval ask(AgentNode node, ToolApprovalRequest request) {
        String server = request.server().isEmpty() ? "" : " (MCP server " + request.server() + ")";
        err.println("? [" + node.id() + "] wants to call " + request.tool() + server + " with:");
        err.println(indent(pretty(request.argumentsJson())));
        while (true) {
            err.print("[a]pprove / [r]un-wide / [d]eny / [e]dit > ");
            err.flush();
            String line = readLine();
            if (line == null) {
                return ToolApproval.deny(BY_CLI, "end of input while waiting for an approval");
            }
            switch (line.strip().toLowerCase(Locale.ROOT)) {
                case "a", "approve", "y", "yes" -> {
                    return ToolApproval.approve(BY_CLI);
                }
                case "r", "run-wide", "run" -> {
                    return ToolApproval.approveForRun(BY_CLI);
                }
                case "d", "deny", "n", "no" -> {
                    err.print("reason (optional) > ");
                    err.flush();
                    String reason = readLine();
                    return ToolApproval.deny(BY_CLI, reason == null ? "" : reason.strip());
                }
                case "e", "edit" -> {
                    ToolApproval edited = edit();
                    if (edited != null) {
                        return edited;
                    }
                }
                default -> err.println("answer a, r, d or e");
            }
        }
    }

    /** New arguments on one line, a JSON object; null (and said why) when they are none. */
    private ToolApproval edit() {
        err.print("arguments (a JSON object on one line) > ");
        err.flush();
        String line = readLine();
        if (line == null || line.isBlank()) {
            err.println("no arguments given");
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                err.println("not a JSON object: " + line.strip());
                return null;
            }
            // the engine checks them against the tool's schema before the call
            return ToolApproval.approveEdited(BY_CLI, node.toString());
        } catch (IOException e) {
            err.println("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException | RuntimeException e) {
            return json;
        }
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
