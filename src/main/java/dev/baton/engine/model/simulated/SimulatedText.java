package dev.baton.engine.model.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Role-aware text for the simulated model: reads the spec lines of the system prompt (role, goal, expected output,
 * instructions) and the request, picks a template by the agent's {@link SimulatedRole}, and fills it from the request.
 * Deterministic for a given {@link Random}. A revision request fixes what a critic's failed checks named (missing
 * phrases, a missing Markdown title, a length bound) so that simulated critic loops converge.
 */
final class SimulatedText {

    private static final Pattern MISSING = Pattern.compile("missing \\[([^\\]]*)\\]");
    private static final Pattern FEWER = Pattern.compile("fewer than (\\d+)");
    private static final Pattern MORE = Pattern.compile("more than (\\d+)");
    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^Request:\\R(.+)");
    private static final Pattern HISTORY_REQUEST = Pattern.compile("(?s)^Request:\\n(.*?)(?:\\n\\n[^\\n:]{1,60}:\\n|$)");
    private static final Pattern QUOTED_TOPIC = Pattern.compile("^For \"(.+?)\":");
    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "the", "and", "or", "but", "for", "with", "in",
            "on", "of", "to", "at", "by", "from", "as", "vs");
    private static final Set<String> WEAK_ENDINGS = Set.of("a", "an", "the", "and", "or", "but", "for", "with", "in",
            "on", "of", "to", "at", "by", "from", "as", "our", "my", "your", "their", "its", "we", "is", "are");

    private SimulatedText() {
    }

    /** The spec lines of a system prompt. */
    record Spec(String name, String kind, String role, String goal, String expected, String instructions) {
        static Spec parse(String system) {
            return new Spec(match(system, "You are (.+?)\\.\\s*$"), match(system, "Kind: (.+)"),
                    match(system, "Role: (.+)"), match(system, "Goal: (.+)"), match(system, "Expected output: (.+)"),
                    match(system, "Instructions: (.+)"));
        }

        String all() {
            return (name + " " + role + " " + goal + " " + expected + " " + instructions).toLowerCase(Locale.ROOT);
        }

        SimulatedRole specialty() {
            return SimulatedRole.of(name, role, goal, kind);
        }

        String displayName() {
            return name.isEmpty() ? "Agent" : name;
        }
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex).matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }

    /** The request an input is about: the original request of a handoff, the request line, or the input itself. */
    static String request(String input) {
        String request = input;
        int original = input.indexOf("Original request:\n");
        Matcher history = HISTORY_REQUEST.matcher(input);
        if (original >= 0) {
            request = input.substring(original + "Original request:\n".length());
        } else if (history.find()) {
            // a FULL handoff context: the request block, not what the agents said about it afterwards
            request = history.group(1);
        }
        // the label of a transcript block ("Customer message:") is not part of what was asked
        request = request.replaceFirst("^\\s*[^\\n:]{1,60}:\\n(?=\\S)", "");
        int handled = request.indexOf("\n\nAlready handled by: ");
        if (handled >= 0) {
            request = request.substring(0, handled);
        }
        int feedback = request.indexOf("\n\n=== Feedback from ");
        if (feedback >= 0) {
            request = request.substring(0, feedback);
        }
        return request;
    }

    /** Everything the agent was given to work from (request, earlier agents' output), without critic feedback. */
    static String material(String input) {
        int feedback = input.indexOf("\n\n=== Feedback from ");
        return feedback >= 0 ? input.substring(0, feedback) : input;
    }

    /** The first line of the request that is not a section label. */
    static String requestLine(String input) {
        String request = request(input);
        Matcher asked = REQUEST_LINE.matcher(request);
        if (asked.find()) {
            request = asked.group(1);
        }
        for (String line : request.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.endsWith(":") || l.startsWith("===") || l.startsWith("[") || l.startsWith("{")
                    || l.startsWith("|")) {
                continue;
            }
            l = l.replaceAll("^[#>*\\-\\s]+", "");
            Matcher quoted = QUOTED_TOPIC.matcher(l);
            return quoted.find() ? quoted.group(1) : l;
        }
        return "";
    }

    /** The topic of an input: the first sentence of its request line, cut at a word boundary. */
    static String topic(String input) {
        String line = requestLine(input);
        if (line.isEmpty()) {
            return "the request";
        }
        String[] sentences = line.split("(?<=[.?!])\\s+");
        String first = sentences[0];
        if (first.split("\\s+").length < 3 && sentences.length > 1) {
            first = first + " " + sentences[1];
        }
        first = first.length() > 120 ? first.substring(0, 120).replaceAll("\\s+\\S*$", "") : first;
        return first.replaceAll("[.!]+$", "").strip();
    }

    /** What the request line says beyond its topic (budget, audience, constraints), or "". */
    static String details(String input) {
        String line = requestLine(input);
        String topic = topic(input);
        int at = line.indexOf(topic);
        String rest = at >= 0 ? line.substring(at + topic.length()) : "";
        return rest.replaceAll("^[.?!]+", "").strip();
    }

    /**
     * A whole, sensible title for a topic: the part before a colon or dash, at most twelve words
     * never ending on a dangling word ("with", "our"), in title case that keeps acronyms ("B2B", "SaaS").
     */
    static String title(String topic) {
        String t = topic.strip();
        boolean question = t.endsWith("?");
        String[] parts = t.split("\\s*(?::|\\s[-–—]\\s)\\s*", 2);
        if (parts.length == 2 && parts[0].split("\\s+").length >= 2) {
            t = parts[0];
            question = t.endsWith("?");
        }
        List<String> words = new ArrayList<>(List.of(t.replaceAll("[^\\p{L}\\p{N}\\s'&/+-]", " ").strip()
                .split("\\s+")));
        words.removeIf(String::isBlank);
        if (words.size() > 12) {
            words = new ArrayList<>(words.subList(0, 12));
            question = false;
        }
        while (words.size() > 1 && WEAK_ENDINGS.contains(words.get(words.size() - 1).toLowerCase(Locale.ROOT))) {
            words.remove(words.size() - 1);
            question = false;
        }
        if (words.isEmpty()) {
            return "Untitled";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean keep = !w.substring(1).equals(w.substring(1).toLowerCase(Locale.ROOT));
            if (keep) {
                sb.append(w);
            } else if (i > 0 && SMALL_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                sb.append(w.toLowerCase(Locale.ROOT));
            } else {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
            sb.append(i < words.size() - 1 ? " " : "");
        }
        return sb + (question ? "?" : "");
    }

    /** A plain answer of an agent with this spec to this input, then revised per any critic feedback in it. */
    static String answer(Spec spec, String input, Random rnd) {
        if (spec.expected().toLowerCase(Locale.ROOT).contains("json")) {
            return SimulatedDocuments.json(spec, input, rnd);
        }
        String topic = topic(input);
        SimulatedRole role = spec.specialty();
        String body = switch (role) {
            case TRIAGE, BILLING, REFUNDS, TECH_SUPPORT, SUPPORT -> SimulatedSupport.reply(role, spec, input, rnd);
            case MARKET_RESEARCHER -> SimulatedDocuments.marketResearch(spec, input, rnd);
            case FINANCIAL -> SimulatedDocuments.finance(spec, input, rnd);
            case LEGAL -> SimulatedDocuments.legal(spec, input, rnd);
            case RESEARCHER, ANALYST -> spec.all().contains("market")
                    ? SimulatedDocuments.marketResearch(spec, input, rnd) : SimulatedArticles.notes(input, rnd);
            case WRITER -> spec.all().contains("report") ? SimulatedArticles.report(spec, input, rnd)
                    : SimulatedArticles.article(input, rnd);
            case EDITOR -> SimulatedArticles.edit(input, rnd);
            case SUMMARY -> SimulatedArticles.memo(spec, input, rnd);
            case VERIFIER, JUDGE, FACT_CHECKER -> SimulatedDocuments.verdict(spec, input, rnd);
            case LEAD -> SimulatedDocuments.plan(spec, input);
            case GENERIC -> generic(spec, topic, rnd);
        };
        return revise(body, input, topic);
    }

    private static String generic(Spec spec, String topic, Random rnd) {
        StringBuilder sb = new StringBuilder("## " + spec.displayName() + ": " + title(topic) + "\n\n");
        String role = spec.role().isEmpty() ? "" : lowerFirst(spec.role());
        String aim = spec.goal().isEmpty() ? "" : lowerFirst(spec.goal());
        sb.append("My part of \"").append(topic).append('"');
        if (!role.isEmpty() || !aim.isEmpty()) {
            sb.append(" (").append(role).append(!role.isEmpty() && !aim.isEmpty() ? "; aim: " : "").append(aim)
                    .append(')');
        }
        sb.append(":\n\n- What I checked: ").append(pick(rnd, "the request and what the earlier steps passed on",
                        "every point the request raises", "the options the request leaves open"))
                .append("\n- What I found: ").append(pick(rnd, "two options fit; the first is simpler",
                        "the request can be met as asked", "one point needs a decision from the requester"))
                .append("\n- Next step: ").append(pick(rnd, "confirm the first option", "hand the result on",
                        "ask the open question"));
        if (!spec.expected().isEmpty()) {
            sb.append("\n\nDeliverable: ").append(lowerFirst(spec.expected())).append('.');
        }
        return sb.toString();
    }

    /** Applies a critic's feedback found in the input: adds missing phrases, a title, or adjusts length. */
    static String revise(String body, String input, String topic) {
        int fb = input.lastIndexOf("=== Feedback from ");
        if (fb < 0) {
            return body;
        }
        String feedback = input.substring(fb);
        int prev = feedback.indexOf("=== Your previous output ===");
        if (prev > 0) {
            feedback = feedback.substring(0, prev);
        }
        String out = body;
        if (!out.startsWith("# ") && (feedback.contains("^# ") || feedback.contains("title"))) {
            out = "# " + title(topic) + "\n\n" + out;
        }
        Matcher m = MISSING.matcher(feedback);
        List<String> phrases = new ArrayList<>();
        while (m.find()) {
            for (String p : m.group(1).split(",\\s*")) {
                if (!p.isBlank()) {
                    phrases.add(p.strip());
                }
            }
        }
        if (!phrases.isEmpty()) {
            out += "\n\nAlso covered: " + String.join("; ", phrases) + ".";
        }
        Matcher few = FEWER.matcher(feedback);
        if (few.find()) {
            int min = Integer.parseInt(few.group(1));
            StringBuilder sb = new StringBuilder(out);
            String[] more = {"Each point above is expanded with its context, its source and what it means for the "
                    + "reader.", "Where a figure is an estimate it is marked as such, and the source that would "
                    + "confirm it is named.", "The open questions are listed so that the next step can close them.",
                    "Assumptions are stated next to the figures they drive, so that a reader can change them."};
            sb.append("\n\n## More detail\n");
            for (int i = 0; sb.length() < min; i++) {
                sb.append("\n- ").append(more[i % more.length]).append(i >= more.length ? " (" + (i + 1) + ")" : "");
            }
            out = sb.toString();
        }
        out += "\n\n(Revised after feedback: " + firstLine(feedback) + ")";
        Matcher most = MORE.matcher(feedback);
        if (most.find()) {
            // leave room for the "[simulated]" label line the model adds in front
            int max = Integer.parseInt(most.group(1)) - 16;
            if (out.length() > max) {
                out = out.substring(0, Math.max(0, max));
            }
        }
        return out;
    }

    private static String firstLine(String feedback) {
        String[] lines = feedback.split("\\R");
        String l = lines.length > 1 ? lines[1].strip() : "";
        return l.length() > 120 ? l.substring(0, 120) + "…" : l;
    }

    static String pick(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
