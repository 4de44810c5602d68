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
        String name = Sources.str(cfg, "modelName");
        if (name.isEmpty()) {
            name = Sources.str(cfg, "model");
        }
        String provider = PROVIDERS.get(model);
        if (provider == null || name.isEmpty()) {
            d.note(path + "/data/inputs/" + prefix + "Model", "the chat model " + model
                    + (name.isEmpty() ? "" : " (" + name + ")"), "no Baton provider for it; the node uses the"
                    + " flow's default model");
            return null;
        }
        String base = Sources.str(cfg, "basePath");
        if (base.isEmpty()) {
            base = Sources.str(cfg, "baseUrl");
        }
        Double temperature = null;
        String t = Sources.str(cfg, "temperature");
        try {
            temperature = t.isEmpty() ? null : Double.valueOf(t);
        } catch (NumberFormatException e) {
            temperature = null;
        }
        if (provider.equals(ModelRef.OPENAI_COMPATIBLE) && base.isEmpty()) {
            d.note(path + "/data/inputs/" + prefix + "ModelConfig", model + " without a base URL",
                    "openai-compatible needs one; set it in the inspector");
        }
        if (cfg.has("credential") || inputs.has("credential")) {
            String variable = ModelNames.keyVariable(provider);
            d.note(path + "/data/inputs/" + prefix + "ModelConfig/credential", "a Flowise credential reference",
                    "not copied; " + (variable.isEmpty() ? "no key needed" : "set " + variable));
        }
        return new ModelRef(provider, name, base.isEmpty() ? null : base, temperature);
    }

    /**
     * The model of an Agentflow V1 chat-model node ({@code chatOpenAI} with its inputs {@code modelName},
     * {@code temperature}, {@code basepath} or {@code baseUrl}), or null with a note.
     */
    static ModelRef ofNode(FlowDraft d, String path, String component, JsonNode inputs, boolean credential) {
        String name = Sources.str(inputs, "modelName");
        if (name.isEmpty()) {
            name = Sources.str(inputs, "model");
        }
        String provider = PROVIDERS.get(component);
        if (provider == null || name.isEmpty()) {
            d.note(path, "the chat model " + component + (name.isEmpty() ? "" : " (" + name + ")"), "no Baton"
                    + " provider for it; the nodes wired to it use the flow's default model");
            return null;
        }
        String base = Sources.str(inputs, "basepath");
        if (base.isEmpty()) {
            base = Sources.str(inputs, "baseUrl");
        }
        Double temperature;
        try {
            String t = Sources.str(inputs, "temperature");
            temperature = t.isEmpty() ? null : Double.valueOf(t);
        } catch (NumberFormatException e) {
            temperature = null;
        }
        if (provider.equals(ModelRef.OPENAI_COMPATIBLE) && base.isEmpty()) {
            d.note(path, component + " without a base URL", "openai-compatible needs one; set it in the inspector");
        }
        if (credential) {
            String variable = ModelNames.keyVariable(provider);
            d.note(path + "/data/credential", "a Flowise credential reference", "not copied; "
                    + (variable.isEmpty() ? "no key needed" : "set " + variable));
        }
        return new ModelRef(provider, name, base.isEmpty() ? null : base, temperature);
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
