package dev.baton.engine.model.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates between Baton's model seam and LangChain4j's chat types, both ways. */
final class MessageMapper {

    /** The usual rough ratio for English text; only used when the provider reports no usage. */
    private static final int CHARS_PER_TOKEN = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageMapper() {
    }

    /** The LangChain4j request for ours; JSON output is asked for only where the provider honours a format. */
    static ChatRequest toChatRequest(ModelRequest request, boolean providerSupportsJsonFormat) {
        ChatRequest.Builder builder = ChatRequest.builder().messages(toMessages(request.messages()));
        if (!request.tools().isEmpty()) {
            builder.toolSpecifications(request.tools().stream().map(MessageMapper::toToolSpecification).toList());
        }
        if (request.jsonResponse() && providerSupportsJsonFormat) {
            builder.responseFormat(ResponseFormat.JSON);
        }
        return builder.build();
    }

    static List<dev.langchain4j.data.message.ChatMessage> toMessages(List<ChatMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> mapped = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            mapped.add(toMessage(message));
        }
        return mapped;
    }

    private static dev.langchain4j.data.message.ChatMessage toMessage(ChatMessage message) {
        if (message instanceof ChatMessage.System system) {
            return SystemMessage.from(system.text());
        } else if (message instanceof ChatMessage.User user) {
            return UserMessage.from(user.text());
        } else if (message instanceof ChatMessage.Assistant assistant) {
            if (assistant.toolCalls().isEmpty()) {
                return AiMessage.from(assistant.text());
            }
            List<ToolExecutionRequest> calls = assistant.toolCalls().stream().map(MessageMapper::toRequest).toList();
            // Providers reject an empty text next to tool calls; null means "no text part".
            return AiMessage.builder()
                    .text(assistant.text().isEmpty() ? null : assistant.text())
                    .toolExecutionRequests(calls)
                    .build();
        } else if (message instanceof ChatMessage.ToolResult result) {
            return ToolExecutionResultMessage.from(result.callId(), result.toolName(), result.text());
        }
        throw new IllegalArgumentException("unknown message type " + message.getClass().getName());
    }

    private static ToolExecutionRequest toRequest(ToolCall call) {
        return ToolExecutionRequest.builder()
                .id(call.id())
                .name(call.name())
                .arguments(call.argumentsJson().isBlank() ? argumentsJson(call.arguments()) : call.argumentsJson())
                .build();
    }

    static ToolSpecification toToolSpecification(ToolSpec tool) {
        if (!tool.parametersSchema().isBlank()) {
            return ToolSpecification.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .parameters(ToolSchemaMapper.parameters(schema(tool)))
                    .build();
        }
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        tool.parameters().forEach(parameters::addStringProperty);
        parameters.required(new ArrayList<>(tool.parameters().keySet()));
        return ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .parameters(parameters.build())
                .build();
    }

    private static JsonNode schema(ToolSpec tool) {
        try {
            return JSON.readTree(tool.parametersSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool '" + tool.name() + "' has a parameter schema that is not JSON", e);
        }
    }

    /**
     * Our reply for LangChain4j's; token counts from the provider's usage, estimated only when it reported none.
     *
     * @throws ModelException INVALID_RESPONSE when the reply is empty
     */
    static ModelReply toReply(ChatResponse response, ModelRequest request, String provider, String fallbackModelName,
                              String modelLabel) throws ModelException {
        AiMessage message = response.aiMessage();
        String text = message == null || message.text() == null ? "" : message.text();
        List<ToolCall> toolCalls = new ArrayList<>();
        if (message != null && message.hasToolExecutionRequests()) {
            int index = 0;
            for (ToolExecutionRequest call : message.toolExecutionRequests()) {
                String id = call.id() == null || call.id().isBlank() ? "call_" + index : call.id();
                String raw = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
                toolCalls.add(new ToolCall(id, call.name(), parseArguments(call), raw));
                index++;
            }
        }
        TokenUsage usage = response.tokenUsage();
        if (text.isEmpty() && toolCalls.isEmpty() && response.finishReason() == null) {
            // What a 200 reply that held no parseable event looks like once LangChain4j is done with it.
            throw ErrorClassifier.exception(ModelException.Kind.INVALID_RESPONSE, 0,
                    "model '" + modelLabel + "' invalid response: the reply held no answer and no tool call", null);
        }
        if (text.isBlank() && toolCalls.isEmpty() && response.finishReason() != null) {
            String why = switch (response.finishReason()) {
                case LENGTH -> "it reached its output limit before writing anything; raise model.maxOutputTokens";
                case CONTENT_FILTER -> "the provider's content filter withheld the answer";
                case STOP, TOOL_EXECUTION -> null;
                default -> "it stopped without an answer (finish reason " + response.finishReason() + ")";
            };
            if (why != null) {
                // An empty answer passed on would be read as the agent's result; say why there is none instead.
                throw ErrorClassifier.exception(ModelException.Kind.INVALID_RESPONSE, 0,
                        "model '" + modelLabel + "' gave no answer: " + why, null);
            }
        }
        String modelName = response.modelName() == null || response.modelName().isBlank()
                ? fallbackModelName : response.modelName();
        boolean reported = usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null;
        int input = reported ? usage.inputTokenCount() : estimateInputTokens(request);
        int output = reported ? usage.outputTokenCount() : estimateOutputTokens(text, toolCalls);
        // an answer the output limit cut short is passed on as it is, and said to be cut (a run warning)
        boolean cut = response.finishReason() == dev.langchain4j.model.output.FinishReason.LENGTH && !text.isBlank();
        return new ModelReply(text, toolCalls, input, output, reported, provider, modelName, false, cut);
    }

    /**
     * The string arguments of a call; none when the model's arguments are not a JSON object. Such a call is not the
     * provider's failure: the engine keeps the raw text and tells the model, as a tool result, what is wrong.
     */
    private static Map<String, String> parseArguments(ToolExecutionRequest call) {
        String raw = call.arguments();
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            // Our tools take strings; a model that sends a number or object gets it as its JSON text.
            arguments.put(field.getKey(), value.isTextual() ? value.asText() : value.isNull() ? "" : value.toString());
        }
        return arguments;
    }

    private static String argumentsJson(Map<String, String> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string map not serialisable", e);
        }
    }

    static int estimateInputTokens(ModelRequest request) {
        long chars = 0;
        for (ChatMessage message : request.messages()) {
            chars += charsOf(message);
        }
        for (ToolSpec tool : request.tools()) {
            chars += tool.name().length() + tool.description().length();
        }
        return tokensFor(chars);
    }

    private static long charsOf(ChatMessage message) {
        if (message instanceof ChatMessage.System system) {
            return system.text().length();
        } else if (message instanceof ChatMessage.User user) {
            return user.text().length();
        } else if (message instanceof ChatMessage.Assistant assistant) {
            return assistant.text().length() + argumentChars(assistant.toolCalls());
        } else if (message instanceof ChatMessage.ToolResult result) {
            return result.text().length();
        }
        return 0;
    }

    static int estimateOutputTokens(String text, List<ToolCall> toolCalls) {
        return tokensFor(text.length() + argumentChars(toolCalls));
    }

    private static long argumentChars(List<ToolCall> calls) {
        long chars = 0;
        for (ToolCall call : calls) {
            chars += call.name().length() + (call.argumentsJson().isBlank() ? argumentsJson(call.arguments())
                    : call.argumentsJson()).length();
        }
        return chars;
    }

    private static int tokensFor(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }
}
