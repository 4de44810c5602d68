package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.ModelRef;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds real models through LangChain4j's streaming chat models: openai, anthropic, gemini, ollama and any
 * openai-compatible server. LangChain4j's streaming models do not retry, which is what Baton wants: the engine
 * retries with its own backoff, driven by {@link dev.baton.engine.model.ModelException.Kind#retryable()}.
 */
public final class ChatModelFactory implements ModelProvider {

    /** Where a local Ollama listens unless the model names another base URL. */
    public static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

    /** Anthropic requires a cap on the answer; LangChain4j's default (1024) cuts long articles short. */
    static final int ANTHROPIC_MAX_TOKENS = 4096;

    private final Credentials credentials;
    private final Duration timeout;
    private final Map<ModelRef, AgentModel> models = new ConcurrentHashMap<>();

    /**
     * @param credentials where API keys come from
     * @param timeout     HTTP connect/read timeout, also the longest silence tolerated inside a streamed reply, for
     *                    models whose reference sets no {@code timeoutSeconds}
     */
    public ChatModelFactory(Credentials credentials, Duration timeout) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    @Override
    public String missingCredentials(ModelRef ref) {
        return credentials.missingCredentials(ref);
    }

    /**
     * A model for this reference, built once and reused (each holds an HTTP client).
     *
     * @throws IllegalArgumentException for the simulated model (the engine serves it itself) or an unknown provider
     * @throws IllegalStateException    when a key or base URL is missing (the message says what to do)
     */
    @Override
    public AgentModel model(ModelRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref.isSimulated()) {
            throw new IllegalArgumentException("model '" + ref.label() + "' is simulated: the engine serves "
                    + "simulated models itself, not through " + getClass().getSimpleName());
        }
        if (!ModelRef.PROVIDERS.contains(ref.provider())) {
            throw new IllegalArgumentException(credentials.missingCredentials(ref));
        }
        String missing = credentials.missingCredentials(ref);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        return models.computeIfAbsent(ref, this::build);
    }

    private AgentModel build(ModelRef ref) {
        String key = credentials.apiKey(ref.provider());
        // The flow's model.timeoutSeconds wins over this factory's default (a local model may need minutes).
        Duration timeout = ref.timeoutSeconds() != null ? Duration.ofSeconds(ref.timeoutSeconds()) : this.timeout;
        return switch (ref.provider()) {
            case ModelRef.OPENAI -> new StreamingAgentModel(ref, openAi(ref, key, null, timeout), timeout, true);
            case ModelRef.OPENAI_COMPATIBLE ->
                    new StreamingAgentModel(ref, openAi(ref, key, ref.baseUrl(), timeout), timeout, true);
            case ModelRef.ANTHROPIC -> new StreamingAgentModel(ref, anthropic(ref, key, timeout), timeout, false);
            case ModelRef.GEMINI -> new StreamingAgentModel(ref, gemini(ref, key, timeout), timeout, true);
            case ModelRef.OLLAMA -> new StreamingAgentModel(ref, ollama(ref, timeout), timeout, true);
            default -> throw new IllegalArgumentException("no LangChain4j model for provider " + ref.provider());
        };
    }

    private StreamingChatModel openAi(ModelRef ref, String key, String requiredBaseUrl, Duration timeout) {
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(CancellableHttpClient.openAiBuilder().connectTimeout(timeout).readTimeout(timeout))
                .modelName(ref.name())
                .temperature(ref.temperature())
                .timeout(timeout);
        // OpenAI's newer models refuse max_tokens; servers speaking the compatible dialect mostly know only it
        if (requiredBaseUrl == null) {
            builder.maxCompletionTokens(ref.maxOutputTokens());
        } else {
            builder.maxTokens(ref.maxOutputTokens());
        }
        String baseUrl = requiredBaseUrl != null ? requiredBaseUrl : ref.baseUrl();
        if (present(baseUrl)) {
            builder.baseUrl(baseUrl);
        }
        if (present(key)) {
            builder.apiKey(key);
        }
        return builder.build();
    }

    private StreamingChatModel anthropic(ModelRef ref, String key, Duration timeout) {
        AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder builder = AnthropicStreamingChatModel.builder()
                .httpClientBuilder(httpClient(timeout, StreamProtocol.ANTHROPIC))
                .apiKey(key)
                .modelName(ref.name())
                .temperature(ref.temperature())
                .maxTokens(ref.maxOutputTokens() != null ? ref.maxOutputTokens() : ANTHROPIC_MAX_TOKENS)
                .timeout(timeout);
        if (present(ref.baseUrl())) {
            builder.baseUrl(ref.baseUrl());
        }
        return builder.build();
    }

    private StreamingChatModel gemini(ModelRef ref, String key, Duration timeout) {
        GoogleAiGeminiStreamingChatModel.GoogleAiGeminiStreamingChatModelBuilder builder =
                GoogleAiGeminiStreamingChatModel.builder()
                        .httpClientBuilder(httpClient(timeout, StreamProtocol.GEMINI))
                        .apiKey(key)
                        .modelName(ref.name())
                        .temperature(ref.temperature())
                        .maxOutputTokens(ref.maxOutputTokens())
                        .timeout(timeout);
        if (present(ref.baseUrl())) {
            builder.baseUrl(ref.baseUrl());
        }
        return builder.build();
    }

    private StreamingChatModel ollama(ModelRef ref, Duration timeout) {
        return OllamaStreamingChatModel.builder()
                .httpClientBuilder(httpClient(timeout, StreamProtocol.OLLAMA))
                .baseUrl(present(ref.baseUrl()) ? ref.baseUrl() : OLLAMA_DEFAULT_BASE_URL)
                .modelName(ref.name())
                .temperature(ref.temperature())
                .numPredict(ref.maxOutputTokens())
                .timeout(timeout)
                .build();
    }

    private static HttpClientBuilder httpClient(Duration timeout, StreamProtocol protocol) {
        return CancellableHttpClient.builder(protocol).connectTimeout(timeout).readTimeout(timeout);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
