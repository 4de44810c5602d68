package dev.baton.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * The answer to a tool call that waited for approval (or that a policy decided without asking).
 *
 * @param decision          approve, approve every further call of that tool in this run, or deny
 * @param by                who decided: {@code cli}, {@code designer}, {@code policy} (or a test's name)
 * @param reason            why (a denial's reason, the policy that decided); "" for none
 * @param editedArguments   the arguments to call the tool with instead of the model's (a JSON object as text, checked
 *                          against the tool's schema again before the call); null to keep the model's
 */
public record ToolApproval(Decision decision, String by, String reason, String editedArguments) {

    /** What was decided. */
    public enum Decision {
        APPROVE, APPROVE_FOR_RUN, DENY;

        /** The lower-case word events and the audit carry. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ToolApproval {
        Objects.requireNonNull(decision, "decision");
        by = by == null || by.isBlank() ? "unknown" : by;
        reason = reason == null ? "" : reason;
        editedArguments = editedArguments == null || editedArguments.isBlank() ? null : editedArguments;
    }

    /** Run this call as the model asked. */
    public static ToolApproval approve(String by) {
        return new ToolApproval(Decision.APPROVE, by, "", null);
    }

    /** Run this call and every further call of the same tool in this run without asking. */
    public static ToolApproval approveForRun(String by) {
        return new ToolApproval(Decision.APPROVE_FOR_RUN, by, "", null);
    }

    /** Run this call with {@code argumentsJson} instead of the model's arguments. */
    public static ToolApproval approveEdited(String by, String argumentsJson) {
        return new ToolApproval(Decision.APPROVE, by, "", argumentsJson);
    }

    /** Do not run it; the model reads the denial (and {@code reason}) as the tool's result. */
    public static ToolApproval deny(String by, String reason) {
        return new ToolApproval(Decision.DENY, by, reason, null);
    }

    /** True unless denied. */
    public boolean approved() {
        return decision != Decision.DENY;
    }
}
