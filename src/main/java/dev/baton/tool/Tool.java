package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ApprovalPolicy;

import java.time.Duration;
import java.util.Optional;

/**
 * A tool an agent may call. {@link ToolRunner} is the one way to call it: it validates the arguments against
 * {@link ToolDescriptor#parameters()}, bounds the time and the size of the result and redacts it; an implementation
 * only does the work.
 */
public interface Tool {

    /** Name, description, parameter schema and risk. */
    ToolDescriptor descriptor();

    /**
     * Does the work with arguments already checked against the schema and returns the text the model reads.
     *
     * @throws ToolException for a failure the model should read (a missing file, a refused host)
     * @throws Exception     anything else; the runner turns it into an error result as well
     */
    String call(JsonNode arguments) throws Exception;

    /**
     * The policy of this call when neither the flow nor the node names one, when it depends on the arguments (an
     * http_request that only reads); empty for the descriptor's default. {@code arguments} may be anything the model
     * sent (not yet checked against the schema).
     */
    default java.util.Optional<ApprovalPolicy> defaultPolicy(JsonNode arguments) {
        return java.util.Optional.empty();
    }

    /**
     * True when this call is plain computation that ends quickly by construction (no I/O, no waiting, bounded work,
     * e.g. arithmetic on a short expression): the runner then calls it on the caller's thread instead of handing it
     * to another thread under a time limit, which costs more than such a call itself. {@code arguments} are checked.
     */
    default boolean quick(JsonNode arguments) {
        return false;
    }

    /** This tool's own time limit (an MCP tool's call timeout), or empty for the runner's default. */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }
}
