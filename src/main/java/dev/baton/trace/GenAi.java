package dev.baton.trace;

import java.util.Locale;

/**
 * Attribute names: the OpenTelemetry GenAI semantic conventions where they say something, {@code baton.*} for what
 * only Baton knows. Written out here rather than taken from the incubating semconv artifact, whose names move.
 */
final class GenAi {

    static final String OPERATION = "gen_ai.operation.name";
    static final String PROVIDER = "gen_ai.provider.name";
    /** The name before {@code gen_ai.provider.name}; older backends (Phoenix, Langfuse) still read it. */
    static final String SYSTEM = "gen_ai.system";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    static final String AGENT_ID = "gen_ai.agent.id";
    static final String AGENT_NAME = "gen_ai.agent.name";
    static final String CONVERSATION_ID = "gen_ai.conversation.id";
    static final String TOOL_NAME = "gen_ai.tool.name";
    static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
    static final String TOOL_TYPE = "gen_ai.tool.type";

    static final String CHAT = "chat";
    static final String INVOKE_AGENT = "invoke_agent";
    static final String EXECUTE_TOOL = "execute_tool";

    static final String BATON_EVENT_SEQ = "baton.event.seq";
    static final String BATON_EVENT_SEQ_END = "baton.event.seq_end";

    private GenAi() {
    }

    /** Baton's provider names as the conventions spell them ({@code gcp.gemini}); the simulated model says so. */
    static String provider(String batonProvider) {
        String p = batonProvider == null ? "" : batonProvider.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "gemini" -> "gcp.gemini";
            case "openai-compatible" -> "openai";
            case "simulated" -> "baton.simulated";
            default -> p;
        };
    }
}
