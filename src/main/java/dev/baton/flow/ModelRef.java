package dev.baton.flow;

import java.util.Objects;
import java.util.Set;

/**
 * Which model an agent talks to. Never holds a key: keys come from the environment or the user's credentials file.
 *
 * @param provider    one of {@link #PROVIDERS}
 * @param name        the provider's model name, e.g. "gpt-4o-mini"; for the simulated model any label
 * @param baseUrl     endpoint override (required for openai-compatible), or null
 * @param temperature    sampling temperature, or null for the provider's default
 * @param timeoutSeconds the longest wait for the provider's answer (first byte, then each silence), or null for
 *                       {@link #DEFAULT_TIMEOUT_SECONDS}; local models on a laptop may need several minutes
 * @param maxOutputTokens the most tokens one reply may have, or null for the provider's default
 */
public record ModelRef(String provider, String name, String baseUrl, Double temperature, Integer timeoutSeconds,
                       Integer maxOutputTokens) {

    public static final String SIMULATED = "simulated";
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String GEMINI = "gemini";
    public static final String OLLAMA = "ollama";
    public static final String OPENAI_COMPATIBLE = "openai-compatible";

    /** The providers Baton knows. */
    public static final Set<String> PROVIDERS =
            Set.of(SIMULATED, OPENAI, ANTHROPIC, GEMINI, OLLAMA, OPENAI_COMPATIBLE);

    /** The offline simulated model, the default of every sample flow. */
    public static final ModelRef SIMULATED_DEFAULT = new ModelRef(SIMULATED, "sim-1", null, null);

    /** The HTTP timeout of a model that names none. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /** The bounds {@code timeoutSeconds} must keep: a second at least, an hour at most. */
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 3600;
    /** The bounds {@code maxOutputTokens} must keep: one token at least, a million at most. */
    public static final int MIN_OUTPUT_TOKENS = 1;
    public static final int MAX_OUTPUT_TOKENS = 1_000_000;

    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
    }

    /** A reference with the default timeout. */
    public ModelRef(String provider, String name, String baseUrl, Double temperature) {
        this(provider, name, baseUrl, temperature, null);
    }

    /** A reference with the provider's default output length. */
    public ModelRef(String provider, String name, String baseUrl, Double temperature, Integer timeoutSeconds) {
        this(provider, name, baseUrl, temperature, timeoutSeconds, null);
    }

    /** The same reference with this timeout (null: the default). */
    public ModelRef withTimeoutSeconds(Integer seconds) {
        return new ModelRef(provider, name, baseUrl, temperature, seconds, maxOutputTokens);
    }

    /** The same reference with this temperature (null: the provider's default). */
    public ModelRef withTemperature(Double value) {
        return new ModelRef(provider, name, baseUrl, value, timeoutSeconds, maxOutputTokens);
    }

    /** The same reference with this output limit (null: the provider's default). */
    public ModelRef withMaxOutputTokens(Integer tokens) {
        return new ModelRef(provider, name, baseUrl, temperature, timeoutSeconds, tokens);
    }

    /** The timeout in effect: {@code timeoutSeconds}, or the default when none is set. */
    public int effectiveTimeoutSeconds() {
        return timeoutSeconds != null ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
    }

    /** True when this is Baton's offline simulated model. */
    public boolean isSimulated() {
        return SIMULATED.equals(provider);
    }

    /** "provider/name", as shown on a model badge. */
    public String label() {
        return provider + "/" + name;
    }
}
