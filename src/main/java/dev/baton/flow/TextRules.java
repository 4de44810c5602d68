package dev.baton.flow;

import java.util.List;
import java.util.Map;

/**
 * The rule of {@link FlowValidator} that every text of a flow is well-formed Unicode. A lone surrogate (a JSON
 * {@code "\ud800"} escape without its pair) reads into a Java string but cannot be written as UTF-8: the events
 * file, the audit database and the saved flow would fail on it in the middle of a run. It is refused where it is.
 */
final class TextRules {

    private TextRules() {
    }

    static void check(ValidationContext ctx) {
        Flow flow = ctx.flow;
        flowText(ctx, "/id", flow.id());
        flowText(ctx, "/name", flow.name());
        flowText(ctx, "/description", flow.description());
        model(ctx, -1, "/defaultModel", flow.defaultModel());
        List<AgentNode> nodes = flow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            node(ctx, i, nodes.get(i));
        }
        List<Edge> edges = flow.edges();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            String at = ValidationContext.edgePointer(i);
            edgeText(ctx, i, e, at + "/id", e.id());
            edgeText(ctx, i, e, at + "/from", e.from());
            edgeText(ctx, i, e, at + "/to", e.to());
            edgeText(ctx, i, e, at + "/label", e.label());
            if (e.context() != null) {
                List<String> fields = e.context().fields();
                for (int f = 0; f < fields.size(); f++) {
                    edgeText(ctx, i, e, at + "/context/fields/" + f, fields.get(f));
                }
            }
        }
    }

    private static void node(ValidationContext ctx, int i, AgentNode n) {
        String at = ValidationContext.nodePointer(i);
        nodeText(ctx, i, at + "/id", n.id());
        nodeText(ctx, i, at + "/name", n.name());
        nodeText(ctx, i, at + "/role", n.role());
        nodeText(ctx, i, at + "/goal", n.goal());
        nodeText(ctx, i, at + "/instructions", n.instructions());
        nodeText(ctx, i, at + "/expectedOutput", n.expectedOutput());
        for (int t = 0; t < n.tools().size(); t++) {
            nodeText(ctx, i, at + "/tools/" + t, n.tools().get(t));
        }
        if (n.model() != null) {
            model(ctx, i, at + "/model", n.model());
        }
        if (n.critic() != null) {
            nodeText(ctx, i, at + "/critic/rubric", n.critic().rubric());
            List<Check> checks = n.critic().checks();
            for (int k = 0; k < checks.size(); k++) {
                String c = at + "/critic/checks/" + k;
                Check check = checks.get(k);
                if (check instanceof Check.Regex r) {
                    nodeText(ctx, i, c + "/pattern", r.pattern());
                } else if (check instanceof Check.MustContain m) {
                    for (int p = 0; p < m.phrases().size(); p++) {
                        nodeText(ctx, i, c + "/phrases/" + p, m.phrases().get(p));
                    }
                } else if (check instanceof Check.JsonSchema s) {
                    nodeText(ctx, i, c + "/schema", s.schema());
                }
            }
        }
        if (n.judge() != null) {
            nodeText(ctx, i, at + "/judge/verifierId", n.judge().verifierId());
            for (Map.Entry<String, Double> t : n.judge().trust().entrySet()) {
                nodeText(ctx, i, at + "/judge/trust", t.getKey());
            }
        }
    }

    private static void model(ValidationContext ctx, int node, String at, ModelRef m) {
        String[][] parts = {{"provider", m.provider()}, {"name", m.name()}, {"baseUrl", m.baseUrl()}};
        for (String[] part : parts) {
            if (node < 0) {
                flowText(ctx, at + "/" + part[0], part[1]);
            } else {
                nodeText(ctx, node, at + "/" + part[0], part[1]);
            }
        }
    }

    private static void flowText(ValidationContext ctx, String at, String text) {
        int bad = loneSurrogate(text);
        if (bad >= 0) {
            ctx.flowProblem(Problem.error("invalid-text", "", at, message(text, bad)));
        }
    }

    private static void nodeText(ValidationContext ctx, int i, String at, String text) {
        int bad = loneSurrogate(text);
        if (bad >= 0) {
            // the id itself may hold the bad character: name the node by its place, not by the text
            ctx.nodeProblem(i, Problem.error("invalid-text", "", at, "node #" + (i + 1) + ": " + message(text, bad)));
        }
    }

    private static void edgeText(ValidationContext ctx, int i, Edge e, String at, String text) {
        int bad = loneSurrogate(text);
        if (bad >= 0) {
            ctx.edgeProblem(i, Problem.error("invalid-text", "", at, "edge #" + (i + 1) + ": " + message(text, bad)));
        }
    }

    private static String message(String text, int at) {
        return String.format("the text holds a lone surrogate \\u%04x at character %d, which is not a character and"
                + " cannot be written as UTF-8; remove it or write the whole character", (int) text.charAt(at), at + 1);
    }

    /** Index of the first unpaired surrogate, or -1; null counts as well-formed. */
    static int loneSurrogate(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
