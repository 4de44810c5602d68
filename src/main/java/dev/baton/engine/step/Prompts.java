package dev.baton.engine.step;

import dev.baton.flow.AgentNode;

/**
 * System prompts built from a node's spec. The "Role:", "Goal:" … lines are plain labelled lines so that any model
 * reads them, and so that the simulated model can be role-aware without seeing the flow.
 */
public final class Prompts {

    private Prompts() {
    }

    /** The system prompt of a node: who it is and what it must produce, plus {@code extra} for its topology. */
    public static String system(AgentNode node, String extra) {
        StringBuilder sb = new StringBuilder();
        sb.append("You are ").append(node.name().isBlank() ? node.id() : node.name()).append(".\n");
        sb.append("Kind: ").append(node.kind()).append('\n');
        line(sb, "Role", node.role());
        line(sb, "Goal", node.goal());
        line(sb, "Expected output", node.expectedOutput());
        line(sb, "Instructions", node.instructions());
        if (extra != null && !extra.isBlank()) {
            sb.append(extra.strip()).append('\n');
        }
        return sb.toString().strip();
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (!value.isBlank()) {
            sb.append(label).append(": ").append(value.strip().replace('\n', ' ')).append('\n');
        }
    }

    /** How a node is described to a supervisor or swarm peer as a tool. */
    public static String describe(AgentNode node) {
        String name = node.name().isBlank() ? node.id() : node.name();
        StringBuilder sb = new StringBuilder(name);
        if (!node.role().isBlank()) {
            sb.append(": ").append(node.role().strip());
        }
        if (!node.goal().isBlank()) {
            sb.append(". Goal: ").append(node.goal().strip());
        }
        return sb.toString();
    }

    /** A tool name for a target node: prefix plus the id with anything but letters, digits, '_' and '-' replaced. */
    public static String toolName(String prefix, String nodeId) {
        return prefix + nodeId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** The label of a node in assembled context. */
    public static String label(AgentNode node) {
        return node.name().isBlank() ? node.id() : node.name();
    }
}
