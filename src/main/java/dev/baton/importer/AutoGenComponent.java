package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AutoGen component in either form: the declarative form of AgentChat 0.4+ and AutoGen Studio
 * ({@code provider}, {@code component_type}, {@code config}) or the earlier Studio form ({@code team_type},
 * {@code agent_type}, {@code model_type}, {@code termination_type} with the fields inline).
 *
 * @param type   the class name without its module, e.g. "RoundRobinGroupChat", "AssistantAgent"
 * @param kind   "team", "agent", "model", "termination", "tool", "workbench" or ""
 * @param config the component's settings
 */
record AutoGenComponent(String type, String kind, JsonNode config) {

    static AutoGenComponent of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new AutoGenComponent("", "", com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
        // a provider that is not text (a hand-edited file) makes no component
        String provider = node.path("provider").isTextual() ? Sources.str(node, "provider") : "";
        String kind = Sources.str(node, "component_type");
        if (!provider.isEmpty()) {
            String type = provider.substring(provider.lastIndexOf('.') + 1);
            JsonNode config = node.get("config");
            return new AutoGenComponent(type, kind, config == null || !config.isObject() ? node : config);
        }
        for (String[] old : new String[][] {{"team_type", "team"}, {"agent_type", "agent"},
                {"model_type", "model"}, {"termination_type", "termination"}, {"tool_type", "tool"}}) {
            String type = Sources.str(node, old[0]);
            if (!type.isEmpty()) {
                return new AutoGenComponent(type, kind.isEmpty() ? old[1] : kind, node);
            }
        }
        return new AutoGenComponent("", kind, node);
    }

    boolean isTeam() {
        return kind.equals("team") || type.endsWith("GroupChat") || type.equals("Swarm");
    }

    String name() {
        return Sources.str(config, "name");
    }
}
