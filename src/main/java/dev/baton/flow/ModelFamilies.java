package dev.baton.flow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider a model name unmistakably belongs to, by the prefixes the providers give their names ("gpt-",
 * "claude-", "gemini-", "sim-"). Lets the validator warn about {@code openai/sim-1} or {@code anthropic/gpt-4o}.
 * Ollama and OpenAI-compatible servers host models of any name, so only a simulated name is foreign to them.
 */
public final class ModelFamilies {

    private static final Map<String, List<String>> PREFIXES = Map.of(
            ModelRef.OPENAI, List.of("gpt-", "o1", "o3", "o4-", "chatgpt-"),
            ModelRef.ANTHROPIC, List.of("claude-"),
            ModelRef.GEMINI, List.of("gemini-"),
            ModelRef.SIMULATED, List.of("sim-"));

    /** A model name of each provider, for a hint; Ollama's from its library, the simulated model's own. */
    private static final Map<String, String> EXAMPLES = Map.of(
            ModelRef.OPENAI, "gpt-4o-mini",
            ModelRef.ANTHROPIC, "claude-haiku-4-5",
            ModelRef.GEMINI, "gemini-2.0-flash",
            ModelRef.OLLAMA, "llama3.2",
            ModelRef.SIMULATED, "sim-1");

    private ModelFamilies() {
    }

    /** A model name of {@code provider} to suggest ("gpt-4o-mini" for a provider without one of its own here). */
    public static String example(String provider) {
        return EXAMPLES.getOrDefault(provider, "gpt-4o-mini");
    }

    /** The provider whose naming {@code name} follows, when it follows one. */
    public static Optional<String> ownerOf(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (var e : PREFIXES.entrySet()) {
            for (String prefix : e.getValue()) {
                if (n.startsWith(prefix)) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** The provider {@code name} belongs to when it is not {@code provider} and {@code provider} cannot serve it. */
    public static Optional<String> foreignOwner(String provider, String name) {
        if (ModelRef.SIMULATED.equals(provider)) {
            // the simulated model answers to any label
            return Optional.empty();
        }
        Optional<String> owner = ownerOf(name).filter(o -> !o.equals(provider));
        if (ModelRef.OLLAMA.equals(provider) || ModelRef.OPENAI_COMPATIBLE.equals(provider)) {
            return owner.filter(ModelRef.SIMULATED::equals);
        }
        return owner;
    }
}
