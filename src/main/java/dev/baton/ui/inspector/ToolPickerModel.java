package dev.baton.ui.inspector;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.NodeToolSettings;
import dev.baton.tool.ToolDescriptor;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.document.command.EditNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tool picker's logic for one node, without a stage: the rows to show (built-ins, then each server's tools, the
 * node's own choices first known or not), a search over names and descriptions, and each change (a tool on or off,
 * a policy override, the node's bound on tool calls) as one {@link EditNode} command, one undo step.
 */
public final class ToolPickerModel {

    /**
     * One tool as the picker shows it.
     *
     * @param key        what the node's {@code tools} holds: a built-in name or {@code server/tool}
     * @param server     the MCP server, "" for a built-in
     * @param descriptor what the tool is; null when it is not (yet) known (a server not listed, an unknown name)
     * @param selected   the node has it
     * @param override   the node's own policy for it, null for none
     * @param effective  the policy a call will get: the node's, else the flow's, else the tool's default
     * @param source     where {@code effective} comes from: "node", "flow" or "default"
     */
    public record Row(String key, String server, ToolDescriptor descriptor, boolean selected, ApprovalPolicy override,
                      ApprovalPolicy effective, String source) { }

    /** The highest bound the validator accepts (its ToolRules is not visible from here). */
    static final int MAX_TOOL_CALLS = 1000;

    private final FlowDocument document;
    private final String nodeId;

    public ToolPickerModel(FlowDocument document, String nodeId) {
        this.document = document;
        this.nodeId = nodeId;
    }

    /** The node as it is now. */
    public Optional<AgentNode> node() {
        return document.flow().node(nodeId);
    }

    /** The key a descriptor is chosen under. */
    public static String key(ToolDescriptor d) {
        return d.server().isEmpty() ? d.name() : d.server() + BuiltInToolNames.SERVER_SEPARATOR + d.name();
    }

    /**
     * The rows of one section in order: the known tools, then the node's choices of this section that no known
     * tool answers to (so a choice never disappears from view), each matching {@code search} (empty: all).
     *
     * @param server "" for the built-ins, else the server whose tools these are
     */
    public List<Row> rows(String server, List<ToolDescriptor> known, String search) {
        AgentNode n = node().orElse(null);
        if (n == null) {
            return List.of();
        }
        Map<String, ToolDescriptor> byKey = new LinkedHashMap<>();
        known.forEach(d -> byKey.put(key(d), d));
        for (String chosen : n.tools()) {
            if (server(chosen).equals(server)) {
                byKey.putIfAbsent(chosen, null);
            }
        }
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        byKey.forEach((k, d) -> {
            if (q.isEmpty() || k.toLowerCase(Locale.ROOT).contains(q)
                    || (d != null && d.description().toLowerCase(Locale.ROOT).contains(q))) {
                rows.add(row(n, k, server, d));
            }
        });
        return rows;
    }

    private Row row(AgentNode n, String k, String server, ToolDescriptor d) {
        ApprovalPolicy own = n.toolSettings() == null ? null : n.toolSettings().approval().get(k);
        ApprovalPolicy flow = document.flow().tools().approval().get(k);
        ApprovalPolicy def = d == null ? ApprovalPolicy.ASK : d.defaultPolicy();
        ApprovalPolicy effective = own != null ? own : flow != null ? flow : def;
        String source = own != null ? "node" : flow != null ? "flow" : "default";
        return new Row(k, server, d, n.tools().contains(k), own, effective, source);
    }

    /** The server a node tool names ("" for a built-in). */
    public static String server(String key) {
        int i = key.indexOf(BuiltInToolNames.SERVER_SEPARATOR);
        return i < 0 ? "" : key.substring(0, i);
    }

    /** Puts a tool on the node or takes it off (with its policy override, which would mean nothing then). */
    public void setSelected(String key, boolean on) {
        AgentNode before = node().orElse(null);
        if (before == null || before.tools().contains(key) == on) {
            return;
        }
        List<String> tools = new ArrayList<>(before.tools());
        AgentNode after;
        if (on) {
            tools.add(key);
            after = before.withTools(tools);
        } else {
            tools.remove(key);
            after = withPolicy(before.withTools(tools), key, null);
        }
        document.execute(new EditNode(before, after, (on ? "add tool " : "remove tool ") + key));
    }

    /** Sets the node's own policy for a tool; null goes back to the flow's or the tool's default. */
    public void setPolicy(String key, ApprovalPolicy policy) {
        AgentNode before = node().orElse(null);
        if (before == null) {
            return;
        }
        AgentNode after = withPolicy(before, key, policy);
        if (!after.equals(before)) {
            document.execute(new EditNode(before, after, "policy of " + key));
        }
    }

    /** The node's bound on tool calls as text, "" when it takes the flow's. */
    public String maxToolCalls() {
        return node().map(AgentNode::toolSettings).map(NodeToolSettings::maxToolCalls).map(String::valueOf)
                .orElse("");
    }

    /** Sets the node's bound on tool calls (empty: the flow's); a message when the text is no whole number. */
    public Optional<String> setMaxToolCalls(String text) {
        AgentNode before = node().orElse(null);
        if (before == null) {
            return Optional.empty();
        }
        String t = text == null ? "" : text.strip();
        Integer max;
        if (t.isEmpty()) {
            max = null;
        } else {
            try {
                max = Integer.valueOf(t);
            } catch (NumberFormatException e) {
                return Optional.of("max tool calls: '" + t + "' is not a whole number");
            }
            if (max < 1 || max > MAX_TOOL_CALLS) {
                return Optional.of("max tool calls: use 1 to " + MAX_TOOL_CALLS
                        + ", or leave it empty for the flow's");
            }
        }
        NodeToolSettings s = before.toolSettings();
        AgentNode after = before.withToolSettings(settings(max, s == null ? Map.of() : s.approval()));
        if (!after.equals(before)) {
            document.execute(new EditNode(before, after, "max tool calls"));
        }
        return Optional.empty();
    }

    private static AgentNode withPolicy(AgentNode n, String key, ApprovalPolicy policy) {
        NodeToolSettings s = n.toolSettings();
        Map<String, ApprovalPolicy> approval = new LinkedHashMap<>(s == null ? Map.of() : s.approval());
        if (policy == null) {
            approval.remove(key);
        } else {
            approval.put(key, policy);
        }
        return n.withToolSettings(settings(s == null ? null : s.maxToolCalls(), approval));
    }

    /** No settings at all stays null, so that the file keeps omitting them. */
    private static NodeToolSettings settings(Integer max, Map<String, ApprovalPolicy> approval) {
        return max == null && approval.isEmpty() ? null : new NodeToolSettings(max, approval);
    }
}
