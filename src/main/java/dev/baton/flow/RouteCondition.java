package dev.baton.flow;

import java.util.Objects;

/**
 * A condition of a rule router's route.
 *
 * @param op    how the input is tested
 * @param field for JSON tests: a field name or a dotted path ("customer.tier"); "" otherwise
 * @param value what is looked for or compared with
 */
public record RouteCondition(RouteOp op, String field, String value) {

    public RouteCondition {
        Objects.requireNonNull(op, "op");
        field = field == null ? "" : field;
        value = value == null ? "" : value;
    }

    /** True for tests that read a field of a JSON input. */
    public boolean readsJson() {
        return op == RouteOp.JSON_EQUALS || op == RouteOp.JSON_GREATER;
    }
}
