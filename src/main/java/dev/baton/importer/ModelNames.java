package dev.baton.importer;

import dev.baton.flow.ModelRef;

import java.util.Locale;
import java.util.Map;

/** Maps other tools' model names ("openai/gpt-4o", "anthropic/claude-…") onto Baton's providers. */
final class ModelNames {

    private static final Map<String, String> PREFIXES = Map.of(
            "openai", ModelRef.OPENAI, "anthropic", ModelRef.ANTHROPIC, "gemini", ModelRef.GEMINI,
            "google", ModelRef.GEMINI, "ollama", ModelRef.OLLAMA, "ollama_chat", ModelRef.OLLAMA);

    private ModelNames() {
    }

    /** The model of a LiteLLM-style name ("provider/model", or a bare OpenAI/Claude/Gemini name), or null. */
    static ModelRef fromLiteLlm(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        int slash = t.indexOf('/');
        if (slash > 0) {
            String provider = PREFIXES.get(t.substring(0, slash).toLowerCase(Locale.ROOT));
            return provider == null ? null : new ModelRef(provider, t.substring(slash + 1), null, null);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gpt-") || lower.startsWith("o1") || lower.startsWith("o3") || lower.startsWith("o4")) {
            return new ModelRef(ModelRef.OPENAI, t, null, null);
        }
        if (lower.startsWith("claude")) {
            return new ModelRef(ModelRef.ANTHROPIC, t, null, null);
        }
        if (lower.startsWith("gemini")) {
            return new ModelRef(ModelRef.GEMINI, t, null, null);
        }
        return null;
    }

    /** The environment variable Baton reads the key of a provider from. */
    static String keyVariable(String provider) {
        return switch (provider) {
            case ModelRef.OPENAI -> "OPENAI_API_KEY";
            case ModelRef.ANTHROPIC -> "ANTHROPIC_API_KEY";
            case ModelRef.GEMINI -> "GEMINI_API_KEY";
            case ModelRef.OPENAI_COMPATIBLE -> "OPENAI_COMPATIBLE_API_KEY";
            default -> "";
        };
    }
}
