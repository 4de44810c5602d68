package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ModelRef;

import java.util.Locale;

/** AutoGen model clients onto Baton providers; an {@code api_key} in the file is never copied. */
final class AutoGenModels {

    private AutoGenModels() {
    }

    /** The model of a model-client component, or null (with a note) when there is no Baton provider for it. */
    static ModelRef model(FlowDraft d, String path, JsonNode client) {
        if (client == null || client.isNull() || client.isMissingNode()) {
            return null;
        }
        AutoGenComponent c = AutoGenComponent.of(client);
        if (c.type().equals("ChatCompletionCache") && c.config().path("client").isObject()) {
            // a cache in front of a client: the model is the wrapped client's
            return model(d, path + ".config.client", c.config().get("client"));
        }
        JsonNode cfg = c.config();
        String model = Sources.str(cfg, "model");
        String type = c.type();
        String lower = type.toLowerCase(Locale.ROOT);
        Double temperature = cfg.has("temperature") && cfg.get("temperature").isNumber()
                ? cfg.get("temperature").asDouble() : null;
        ModelRef ref;
        if (lower.contains("bedrock")) {
            d.note(path, "the model client " + type + (model.isEmpty() ? "" : " (" + model + ")"), "no Baton"
                    + " provider for Amazon Bedrock; the node uses the flow's default model");
            return null;
        } else if (lower.contains("azure")) {
            // AzureOpenAIChatCompletionClient names it azure_endpoint, AzureAIChatCompletionClient endpoint
            String endpoint = Sources.str(cfg, "azure_endpoint").isEmpty() ? Sources.str(cfg, "endpoint")
                    : Sources.str(cfg, "azure_endpoint");
            if (endpoint.isEmpty()) {
                d.note(path, type + " without an endpoint", "no server to point openai-compatible at; the node"
                        + " uses the flow's default model");
                return null;
            }
            String deployment = Sources.str(cfg, "azure_deployment");
            ref = new ModelRef(ModelRef.OPENAI_COMPATIBLE, deployment.isEmpty() ? model : deployment,
                    endpoint.isEmpty() ? null : endpoint, temperature);
            String version = Sources.str(cfg, "api_version");
            d.note(path, type + " (Azure)", "mapped to openai-compatible with the Azure endpoint as base URL;"
                    + " check the endpoint path and api-version" + (version.isEmpty() ? "" : " (" + version + ")"));
        } else if (lower.contains("anthropic")) {
            ref = new ModelRef(ModelRef.ANTHROPIC, model, null, temperature);
        } else if (lower.contains("ollama")) {
            String host = Sources.str(cfg, "host");
            ref = new ModelRef(ModelRef.OLLAMA, model, host.isEmpty() ? null : host, temperature);
        } else if (lower.contains("openai") || lower.isEmpty() && !model.isEmpty()) {
            String base = Sources.str(cfg, "base_url");
            if (model.toLowerCase(Locale.ROOT).startsWith("gemini") && (base.isEmpty()
                    || base.contains("generativelanguage"))) {
                ref = new ModelRef(ModelRef.GEMINI, model, null, temperature);
            } else if (base.isEmpty()) {
                ref = new ModelRef(ModelRef.OPENAI, model, null, temperature);
            } else {
                ref = new ModelRef(ModelRef.OPENAI_COMPATIBLE, model, base, temperature);
            }
        } else {
            d.note(path, "the model client " + type + (model.isEmpty() ? "" : " (" + model + ")"),
                    "no Baton provider for it; the node uses the flow's default model");
            return null;
        }
        if (ref.name().isBlank()) {
            d.note(path, "a model client without a model name", "the node uses the flow's default model");
            return null;
        }
        if (cfg.has("api_key") || cfg.has("credential")) {
            String variable = ModelNames.keyVariable(ref.provider());
            // the path stops before "api_key": the report's "api_key: …" would read as a key to redact
            d.note(path, "the client's " + (cfg.has("api_key") ? "api_key" : "credential"), "not copied; "
                    + (variable.isEmpty() ? "this provider needs no key" : "set " + variable
                    + " in the environment or ~/.baton/credentials"));
        }
        return ref;
    }
}
