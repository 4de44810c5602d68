package dev.baton.flow;

import java.util.Map;

/**
 * A node's own tool settings over the flow's.
 *
 * @param maxToolCalls tool calls one activation of this node may make; null for the flow's
 * @param approval     policy per tool name for this node, over the flow's
 */
public record NodeToolSettings(Integer maxToolCalls, Map<String, ApprovalPolicy> approval) {

    public NodeToolSettings {
        approval = approval == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(approval));
    }
}
