package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ModelRef;

import java.util.Map;

/** Flowise chat-model node names onto Baton providers, and Flowise's rich-text messages onto plain text. */
final class FlowiseModels {

    private static final Map<String, String> PROVIDERS = Map.of(
            "chatOpenAI", ModelRef.OPENAI, "chatAnthropic", ModelRef.ANTHROPIC,
            "chatGoogleGenerativeAI", ModelRef.GEMINI, "chatOllama", ModelRef.OLLAMA,
            "azureChatOpenAI", ModelRef.OPENAI_COMPATIBLE, "chatOpenAICustom", ModelRef.OPENAI_COMPATIBLE);

    private FlowiseModels() {
    }

    /** The model of a node's {@code <prefix>Model} and {@code <prefix>ModelConfig} inputs, or null with a note. */
    static ModelRef model(FlowDraft d, String path, JsonNode inputs, String prefix) {
        String model = Sources.str(inputs, prefix + "Model");
        if (model.isEmpty()) {
            return null;
        }
        JsonNode cfg = inputs.path(prefix + "ModelConfig");
        String configAt = path + "/data/inputs/" + prefix + "ModelConfig";
        return ref(d, model, first(cfg, "modelName", "model"), first(cfg, "basePath", "baseUrl"),
                Sources.str(cfg, "temperature"), cfg.has("credential") || inputs.has("credential"),
                path + "/data/inputs/" + prefix + "Model", configAt, configAt + "/credential", "the node uses");
    }

    /**
     * The model of an Agentflow V1 chat-model node ({@code chatOpenAI} with its inputs {@code modelName},
     * {@code temperature}, {@code basepath} or {@code baseUrl}), or null with a note.
     */
    static ModelRef ofNode(FlowDraft d, String path, String component, JsonNode inputs, boolean credential) {
        return ref(d, component, first(inputs, "modelName", "model"), first(inputs, "basepath", "baseUrl"),
                Sources.str(inputs, "temperature"), credential, path, path, path + "/data/credential",
                "the nodes wired to it use");
    }

    /**
     * A chat model's settings, wherever Flowise keeps them (a V2 node's model config, a V1 chat-model node), as a
     * Baton model; null with a note when Baton has no provider for it. The notes name where each setting was.
     */
    private static ModelRef ref(FlowDraft d, String component, String name, String base, String temperatureText,
                                boolean credential, String componentAt, String configAt, String credentialAt,
                                String usedBy) {
        String provider = PROVIDERS.get(component);
        if (provider == null || name.isEmpty()) {
            d.note(componentAt, "the chat model " + component + (name.isEmpty() ? "" : " (" + name + ")"),
                    "no Baton provider for it; " + usedBy + " the flow's default model");
            return null;
        }
        Double temperature;
        try {
            temperature = temperatureText.isEmpty() ? null : Double.valueOf(temperatureText);
        } catch (NumberFormatException e) {
            temperature = null;
        }
        if (provider.equals(ModelRef.OPENAI_COMPATIBLE) && base.isEmpty()) {
            d.note(configAt, component + " without a base URL", "openai-compatible needs one; set it in the inspector");
        }
        if (credential) {
            String variable = ModelNames.keyVariable(provider);
            d.note(credentialAt, "a Flowise credential reference", "not copied; "
                    + (variable.isEmpty() ? "no key needed" : "set " + variable));
        }
        return new ModelRef(provider, name, base.isEmpty() ? null : base, temperature);
    }

    /** The first of {@code keys} that {@code node} has a text for, or "". */
    private static String first(JsonNode node, String... keys) {
        for (String k : keys) {
            String v = Sources.str(node, k);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** Plain text of Flowise's rich-text (HTML) fields. */
    static String plain(String html) {
        String s = html.replaceAll("(?i)<br\\s*/?>|</p>|</li>|</h\\d>", "\n").replaceAll("<[^>]*>", "");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** The system (and other) messages of an agent or LLM node, as one instruction text. */
    static String messages(JsonNode list) {
        StringBuilder out = new StringBuilder();
        if (list != null && list.isArray()) {
            for (JsonNode m : list) {
                String text = plain(Sources.str(m, "content"));
                if (text.isEmpty()) {
                    continue;
                }
                String role = Sources.str(m, "role");
                out.append(out.length() == 0 ? "" : "\n\n")
                        .append(role.isEmpty() || role.equals("system") ? "" : role + ": ").append(text);
            }
        }
        return out.toString();
    }
}
