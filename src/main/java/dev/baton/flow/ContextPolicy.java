package dev.baton.flow;

import java.util.List;
import java.util.Objects;

/**
 * What a work-carrying edge passes on: a mode, the fields for {@link ContextMode#FIELDS}, and an optional token budget.
 *
 * @param mode        what to pass
 * @param fields      field names for FIELDS mode; empty otherwise
 * @param tokenBudget upper bound on the tokens passed, or null for no bound
 */
public record ContextPolicy(ContextMode mode, List<String> fields, Integer tokenBudget) {

    /** The default: pass the full history, unbounded. */
    public static final ContextPolicy FULL = new ContextPolicy(ContextMode.FULL, List.of(), null);
    /** Pass only the sender's last message. */
    public static final ContextPolicy LAST = new ContextPolicy(ContextMode.LAST, List.of(), null);

    public ContextPolicy {
        Objects.requireNonNull(mode, "mode");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** A policy of the given mode with no fields and no budget. */
    public static ContextPolicy of(ContextMode mode) {
        return new ContextPolicy(mode, List.of(), null);
    }
}
