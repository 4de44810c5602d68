package dev.baton.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Role-aware text for the simulated model, built from the lines of the system prompt (role, goal, expected output) and
 * the input. Deterministic for a given {@link Random}. A revision request fixes what a critic's failed checks named
 * (missing phrases, a missing Markdown title, a length bound) so that simulated critic loops can converge.
 */
final class SimulatedText {

    private static final Pattern MISSING = Pattern.compile("missing \\[([^\\]]*)\\]");
    private static final Pattern FEWER = Pattern.compile("fewer than (\\d+)");
    private static final Pattern MORE = Pattern.compile("more than (\\d+)");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^Request:\\R(.+)");
    private static final Pattern QUOTED_TOPIC = Pattern.compile("^For \"(.+?)\":");

    private SimulatedText() {
    }

    /** The spec lines of a system prompt. */
    record Spec(String name, String kind, String role, String goal, String expected) {
        static Spec parse(String system) {
            return new Spec(match(system, "You are (.+?)\\.\\s*$"), match(system, "Kind: (.+)"),
                    match(system, "Role: (.+)"), match(system, "Goal: (.+)"), match(system, "Expected output: (.+)"));
        }

        String all() {
            return (name + " " + role + " " + goal + " " + expected).toLowerCase(Locale.ROOT);
        }
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex).matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }

    /** The topic of an input: the first line that is not a section label. */
    static String topic(String input) {
        String request = input;
        int original = input.indexOf("Original request:\n");
        if (original >= 0) {
            request = input.substring(original + "Original request:\n".length());
        }
        Matcher asked = REQUEST_LINE.matcher(request);
        if (asked.find()) {
            request = asked.group(1);
        }
        for (String line : request.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.endsWith(":") || l.startsWith("===") || l.startsWith("[") || l.startsWith("{")) {
                continue;
            }
            l = l.replaceAll("^[#>*\\-\\s]+", "");
            Matcher quoted = QUOTED_TOPIC.matcher(l);
            if (quoted.find()) {
                l = quoted.group(1);
            }
            return l.length() > 90 ? l.substring(0, 90).replaceAll("\\s+\\S*$", "") : l;
        }
        return "the request";
    }

    static String title(String topic) {
        String[] words = topic.replaceAll("[^\\p{L}\\p{N} ]", "").split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, words.length); i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.length() == 0 ? "Untitled" : sb.toString();
    }

    /** A plain answer of an agent with this spec to this input. */
    static String answer(Spec spec, String input, Random rnd) {
        String topic = topic(input);
        String who = spec.all();
        String body;
        if (spec.expected().toLowerCase(Locale.ROOT).contains("json")) {
            return jsonAnswer(spec, topic, rnd);
        } else if (who.contains("support") || who.contains("customer") || who.contains("refund")
                || who.contains("billing")) {
            body = support(spec, topic, rnd);
        } else if (who.contains("financ") || who.contains("controller")) {
            body = finance(topic, rnd);
        } else if (who.contains("legal") || who.contains("lawyer") || who.contains("counsel")) {
            body = legal(topic, rnd);
        } else if (who.contains("memo") || who.contains("report") || who.contains("strateg")) {
            body = report(spec, topic, rnd);
        } else if (who.contains("research") || who.contains("analyst")) {
            body = research(topic, rnd);
        } else if (who.contains("edit")) {
            body = article(topic, rnd, "Edited for clarity and flow; every fact and source of the draft is kept.");
        } else if (who.contains("writ") || who.contains("draft") || who.contains("markdown")) {
            body = article(topic, rnd, "First draft, based only on the research notes.");
        } else if (who.contains("summar")) {
            body = "Summary of " + topic + ": " + pick(rnd, "three", "four", "five")
                    + " key points stand out. The main finding is supported by the input; the open question is "
                    + "what to do next.";
        } else if (who.contains("plan")) {
            body = "Plan for " + topic + ":\n1. Clarify the goal.\n2. Gather what is known.\n3. Decide and act.\n"
                    + "4. Check the result against the goal.";
        } else {
            body = generic(spec, topic, rnd);
        }
        return revise(body, input, topic);
    }

    private static String support(SimulatedText.Spec spec, String topic, Random rnd) {
        String name = spec.name().isEmpty() ? "Support" : spec.name();
        return "Hello, thanks for reaching out about " + topic + ".\n\n" + pick(rnd,
                "I have checked your account and found the cause.", "I looked into this and can help right away.",
                "I reviewed the case history.") + " Case number SIM-" + (1000 + rnd.nextInt(9000)) + ".\n\n"
                + "1. " + pick(rnd, "The duplicate charge is reversed.", "The setting is corrected.",
                "The request is approved.") + "\n2. You will get a confirmation by email within "
                + (1 + rnd.nextInt(5)) + " business days.\n\n— " + name;
    }

    private static String finance(String topic, Random rnd) {
        int cost = 100 + rnd.nextInt(900);
        return "Financial view of " + topic + ":\n\n| Item | Cost (k) |\n|---|---|\n| Setup | " + cost
                + " |\n| Running, per year | " + (cost / 2) + " |\n\nScenarios: low " + (cost / 3) + "k, base "
                + cost + "k, high " + (cost * 2) + "k revenue per year. Break-even in year " + (2 + rnd.nextInt(3))
                + ". Assumptions: stable prices, simulated figures.";
    }

    private static String legal(String topic, Random rnd) {
        return "Legal findings on " + topic + ":\n- Clause " + (2 + rnd.nextInt(8)) + ": liability is "
                + pick(rnd, "capped", "uncapped", "shared") + " (risk: " + pick(rnd, "low", "medium", "high")
                + ")\n- Clause " + (10 + rnd.nextInt(10)) + ": termination needs " + (30 + rnd.nextInt(60))
                + " days' notice\n- Data protection: a processing agreement is required\nVerdict: "
                + pick(rnd, "sign with changes", "negotiate first", "acceptable as is");
    }

    private static String report(SimulatedText.Spec spec, String topic, Random rnd) {
        return "# " + title(topic) + "\n\n" + pick(rnd, "Decision: go, in stages.", "Decision: go, with a partner.",
                "Decision: wait one quarter.") + "\n\n## Findings\n\nThe specialist input agrees on the main "
                + "opportunity and differs on timing.\n\n## Risks\n\n- Regulation changes\n- Slower adoption than "
                + "planned\n\n## Recommendation\n\n" + pick(rnd, "Start with a pilot customer.",
                "Hire a local partner first.", "Validate pricing before launch.");
    }

    /** An answer as a JSON object whose fields are named in the expected output; labelled by a field. */
    private static String jsonAnswer(SimulatedText.Spec spec, String topic, Random rnd) {
        com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
        Matcher m = Pattern.compile("with ([a-z ,]+?)(?: and ([a-z]+))?$")
                .matcher(spec.expected().toLowerCase(Locale.ROOT).replaceAll("[^a-z ,]", ""));
        List<String> fields = new ArrayList<>();
        if (m.find()) {
            for (String f : m.group(1).split(",")) {
                if (!f.isBlank()) {
                    fields.add(f.strip().replace(' ', '_'));
                }
            }
            if (m.group(2) != null) {
                fields.add(m.group(2));
            }
        }
        if (fields.isEmpty()) {
            fields = List.of("answer");
        }
        for (String f : fields) {
            node.put(f, f.substring(0, 1).toUpperCase(Locale.ROOT) + f.substring(1).replace('_', ' ') + " for "
                    + topic + ": " + pick(rnd, "none found", "two items", "one open point", "acceptable"));
        }
        node.put("simulated", true);
        return node.toString();
    }

    private static String research(String topic, Random rnd) {
        StringBuilder sb = new StringBuilder("Research notes on " + topic + ":\n");
        int n = 5 + rnd.nextInt(3);
        for (int i = 1; i <= n; i++) {
            sb.append("- Finding ").append(i).append(": ").append(pick(rnd, "adoption grew", "costs fell",
                            "usage doubled", "surveys show interest", "experts expect growth", "risks remain"))
                    .append(" by ").append(5 + rnd.nextInt(60)).append("% (source: Simulated Source ").append(i)
                    .append(")\n");
        }
        if (rnd.nextBoolean()) {
            sb.append("- One figure could not be confirmed (unverified)\n");
        }
        return sb.toString().strip();
    }

    private static String article(String topic, Random rnd, String note) {
        String title = title(topic);
        StringBuilder sb = new StringBuilder("# " + title + "\n\n");
        sb.append("This article looks at ").append(topic).append(". ").append(note).append("\n\n");
        String[] sections = {"Background", "What the numbers say", "Why it matters", "What comes next"};
        int count = 3 + rnd.nextInt(2);
        for (int i = 0; i < count; i++) {
            sb.append("## ").append(sections[i]).append("\n\n")
                    .append(pick(rnd, "The research notes point to steady change.",
                            "Several sources agree on the direction.", "The figures are modest but clear."))
                    .append(' ').append("Readers should weigh each claim against its source (Simulated Source ")
                    .append(i + 1).append(").\n\n");
        }
        sb.append("## Conclusion\n\n").append(title).append(" is worth following; the evidence is summarised above.");
        return sb.toString();
    }

    private static String generic(Spec spec, String topic, Random rnd) {
        String name = spec.name().isEmpty() ? "Agent" : spec.name();
        StringBuilder sb = new StringBuilder("## " + name + " on " + topic + "\n\n");
        if (!spec.role().isEmpty()) {
            sb.append("As ").append(lowerFirst(spec.role())).append(", ");
        }
        sb.append(pick(rnd, "here is my answer", "my conclusion follows", "this is what I found")).append(". ");
        if (!spec.goal().isEmpty()) {
            sb.append("Aim: ").append(spec.goal()).append(". ");
        }
        if (!spec.expected().isEmpty()) {
            sb.append("\n\nDeliverable (").append(spec.expected()).append("): ");
        }
        sb.append(pick(rnd, "the request is handled", "the main points are addressed", "next steps are clear"))
                .append(" for ").append(topic).append('.');
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
            while (sb.length() < min) {
                sb.append("\n\nMore detail on ").append(topic).append(": each point above is expanded with its ")
                        .append("context, its source and what it means for the reader.");
            }
            out = sb.toString();
        }
        out += "\n\n(Revised after feedback: " + firstLine(feedback) + ")";
        Matcher more = MORE.matcher(feedback);
        if (more.find()) {
            // leave room for the "[simulated]" label line the model adds in front
            int max = Integer.parseInt(more.group(1)) - 16;
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

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
