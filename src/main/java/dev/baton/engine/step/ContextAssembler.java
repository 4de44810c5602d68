package dev.baton.engine.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds what an edge passes on, by the edge's context policy, then cuts it to the edge's token budget.
 * <ul>
 *   <li>FULL: the original request and every output along the sender's path, labelled by agent.</li>
 *   <li>LAST: the sender's output only.</li>
 *   <li>SUMMARY: a deterministic extractive summary (no model call): each entry of the path reduced to its first
 *   sentence, the sender's own output to its first three, within the budget (default {@value #DEFAULT_SUMMARY_TOKENS}
 *   tokens).</li>
 *   <li>FIELDS: the named top-level fields of a JSON object output, or the "Field: value" lines of a text output.</li>
 * </ul>
 */
public final class ContextAssembler {

    /** Budget of a SUMMARY edge that sets none. */
    public static final int DEFAULT_SUMMARY_TOKENS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    private ContextAssembler() {
    }

    /**
     * What one edge passed.
     *
     * @param edgeId    the edge ("" for an implicit edge)
     * @param fromNode  the sender
     * @param mode      the policy's mode
     * @param text      the context passed, after budget
     * @param tokens    its estimated size
     * @param truncated true when the budget cut it
     * @param answer    the sender's own answer as this edge lets it through: what a judge weighs as the sender's
     *                  candidate. The output itself under FULL (the passed history holds it whole) unless the budget
     *                  cut it; the passed text under every other mode, so that nothing the policy drops reaches a
     *                  judge, a verifier or the node after them
     */
    public record Section(String edgeId, String fromNode, ContextMode mode, String text, int tokens,
                          boolean truncated, String answer) { }

    /** The context one edge passes from a sender whose path history is {@code history} and output {@code output}. */
    public static Section forEdge(String edgeId, ContextPolicy policy, String fromNode, Transcript history,
                                  String output, Set<String> alreadyPassed) {
        String raw = switch (policy.mode()) {
            case FULL -> fullHistory(history, alreadyPassed);
            case LAST -> output;
            case SUMMARY -> summary(history, output);
            case FIELDS -> fields(output, policy.fields(), fromNode);
        };
        Integer budget = policy.tokenBudget();
        if (policy.mode() == ContextMode.SUMMARY && budget == null) {
            budget = DEFAULT_SUMMARY_TOKENS;
        }
        String text = Tokens.truncate(raw, budget);
        boolean truncated = !text.equals(raw);
        String answer = policy.mode() == ContextMode.FULL && !truncated ? output : text;
        return new Section(edgeId, fromNode, policy.mode(), text, Tokens.estimate(text), truncated, answer);
    }

    /**
     * The path history that travels on past the receiver through {@code s}'s edge: under FIELDS the sender's own entry
     * holds only the fields passed, so that a FULL edge further on does not bring back what this edge dropped.
     */
    public static Transcript historyThrough(Section s, Transcript history) {
        if (s.mode() != ContextMode.FIELDS) {
            return history;
        }
        List<Transcript.Entry> entries = new ArrayList<>(history.entries());
        for (int i = entries.size() - 1; i >= 0; i--) {
            Transcript.Entry e = entries.get(i);
            if (e.nodeId().equals(s.fromNode())) {
                entries.set(i, new Transcript.Entry(e.nodeId(), e.label(), s.text()));
                break;
            }
        }
        return new Transcript(entries);
    }

    /** A node's input from its incoming sections: one section as is; several as labelled blocks in edge order. */
    public static String join(List<Section> sections, java.util.function.Function<String, String> labelOf) {
        if (sections.size() == 1) {
            return sections.get(0).text();
        }
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append("=== From ").append(labelOf.apply(s.fromNode())).append(" ===\n").append(s.text());
        }
        return sb.toString();
    }

    private static String fullHistory(Transcript history, Set<String> alreadyPassed) {
        // on a join, the second FULL edge does not repeat the request and shared ancestors
        List<Transcript.Entry> fresh = new ArrayList<>();
        for (Transcript.Entry e : history.entries()) {
            if (alreadyPassed == null || alreadyPassed.add(e.nodeId())) {
                fresh.add(e);
            }
        }
        return new Transcript(fresh).render();
    }

    /** Extractive summary: first sentence of each earlier entry, first three of the sender's output. */
    static String summary(Transcript history, String output) {
        StringBuilder sb = new StringBuilder();
        List<Transcript.Entry> entries = history.entries();
        for (int i = 0; i < entries.size(); i++) {
            Transcript.Entry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            sb.append(e.label()).append(": ").append(firstSentences(e.text(), last ? 3 : 1)).append('\n');
        }
        if (entries.isEmpty()) {
            sb.append(firstSentences(output, 3));
        }
        return sb.toString().strip();
    }

    private static String firstSentences(String text, int count) {
        String[] parts = SENTENCE_END.split(text.strip());
        StringBuilder sb = new StringBuilder();
        int taken = 0;
        for (String p : parts) {
            String s = p.strip();
            if (s.isEmpty() || s.matches("[#>*\\-\\s]+")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s);
            if (++taken == count) {
                break;
            }
        }
        return sb.toString();
    }

    /** The named fields of a JSON object, or the matching "Field: value" lines of plain text. */
    static String fields(String output, List<String> names, String fromNode) {
        String trimmed = output.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                if (node instanceof ObjectNode obj) {
                    ObjectNode picked = JSON.createObjectNode();
                    for (String name : names) {
                        if (obj.has(name)) {
                            picked.set(name, obj.get(name));
                        }
                    }
                    return JSON.writeValueAsString(picked);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not JSON after all: fall through to "Field: value" lines
            }
        }
        Set<String> wanted = new HashSet<>();
        for (String n : names) {
            wanted.add(n.toLowerCase(Locale.ROOT));
        }
        Pattern line = Pattern.compile("^\\s*(?:[-*]\\s*)?\\**([A-Za-z0-9 _-]+?)\\**\\s*[:=]\\s*(.*)$");
        StringBuilder sb = new StringBuilder();
        for (String l : output.split("\\R")) {
            Matcher m = line.matcher(l);
            if (m.matches() && wanted.contains(m.group(1).strip().toLowerCase(Locale.ROOT))) {
                sb.append(m.group(1).strip()).append(": ").append(m.group(2).strip()).append('\n');
            }
        }
        if (sb.length() == 0) {
            return "(none of the fields " + names + " were found in the output of " + fromNode + ")";
        }
        return sb.toString().strip();
    }
}
