package dev.baton.engine.model.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.baton.engine.model.simulated.SimulatedText.pick;

/**
 * Written pieces of the simulated model built from what the agent was given: research notes, an article that cites
 * them, an edit of a draft, a report assembled from specialists' findings, a decision memo. Section names and the
 * options of a decision come from the agent's own instructions when they list them.
 */
final class SimulatedArticles {

    /** How a supervisor passes collected findings to a synthesiser; the report reads them back by this heading. */
    static final String FINDINGS_FROM = "### Findings from ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECTIONS = Pattern.compile("(?i)with the (?:sections|headings) (.+?)\\.(?:\\s|$)");
    private static final Pattern OPTIONS = Pattern.compile("(?i)(?:one of:?|a clear) ([\\w ]+?), ([\\w ]+?),? or "
            + "([\\w ]+?)(?:[.;)]| decision)");
    private static final Pattern FOR_AUDIENCE = Pattern.compile("(?i)\\bfor ([a-z][a-z -]{2,30}?)(?:[.,;]|$)");

    private SimulatedArticles() {
    }

    /** Research notes: five to seven claims about the topic, each with its (simulated) source. */
    static String notes(String input, Random rnd) {
        String topic = SimulatedText.topic(input);
        String subject = SimulatedText.title(topic).toLowerCase(Locale.ROOT);
        Matcher a = FOR_AUDIENCE.matcher(topic);
        String audience = a.find() ? a.group(1).strip() : "buyers";
        List<String> claims = new ArrayList<>(List.of(
                "Adoption of " + subject + " grew by about " + (6 + rnd.nextInt(25))
                        + "% a year from 2020 to 2024 (source: Simulated Industry Report 2024)",
                "A typical purchase costs " + (3 + rnd.nextInt(8)) + ",000-" + (12 + rnd.nextInt(8))
                        + ",000 EUR before subsidies (source: Simulated Price Survey 2025)",
                (40 + rnd.nextInt(40)) + "% of surveyed " + audience + " name running costs as their first question "
                        + "(source: Simulated Consumer Survey)",
                "Field tests found results within " + (5 + rnd.nextInt(20)) + "% of what manufacturers claim "
                        + "(source: Simulated Field Study)",
                (8 + rnd.nextInt(20)) + " European countries now offer incentives for " + subject
                        + " (source: Simulated Policy Tracker)",
                "Upfront cost is the main objection, named by " + (30 + rnd.nextInt(40)) + "% of " + audience
                        + " who decided against it (source: Simulated Consumer Survey)",
                "Experts expect prices to fall by " + (10 + rnd.nextInt(20)) + "% by 2030 (source: Simulated "
                        + "Expert Panel) (unverified)"));
        int keep = 5 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder("## Research notes: " + SimulatedText.title(topic) + "\n\n");
        for (String c : claims.subList(0, keep)) {
            sb.append("- ").append(c).append(' ').append(SimulatedDocuments.FIGURE).append('\n');
        }
        return sb.toString().strip();
    }

    /** A first draft that cites the research notes found in the input. */
    static String article(String input, Random rnd) {
        return article(input, rnd, "First draft, based only on the research notes.");
    }

    private static String article(String input, Random rnd, String note) {
        String topic = SimulatedText.topic(input);
        String title = SimulatedText.title(topic);
        List<String> claims = new ArrayList<>();
        for (String line : SimulatedText.material(input).split("\\R")) {
            if (line.startsWith("- ") && line.contains("(source:")) {
                claims.add(line.substring(2).replace(" " + SimulatedDocuments.FIGURE, "").strip());
            }
        }
        StringBuilder sb = new StringBuilder("# " + title + "\n\n");
        String subject = SimulatedText.lowerFirst(topic.split(":")[0].strip());
        sb.append(pick(rnd, "More and more readers ask about ", "This article explains ", "Here is what we know about "))
                .append(subject).append(": what the figures say and what to expect. ").append(note)
                .append("\n\n");
        // each claim goes to the section whose theme it names; claims that name none fill the shortest section
        Map<String, List<String>> sections = new LinkedHashMap<>();
        Map<String, Pattern> themes = new LinkedHashMap<>();
        themes.put("Where things stand", Pattern.compile("(?i)adoption|grew|countries|incentive|market"));
        themes.put("What it costs", Pattern.compile("(?i)cost|price|EUR|subsid|pay"));
        themes.put("What people say", Pattern.compile("(?i)survey|objection|people|customers"));
        themes.put("What comes next", Pattern.compile("(?i)expect|20[3-9]0|future|field test|trend"));
        themes.keySet().forEach(k -> sections.put(k, new ArrayList<>()));
        for (String c : claims) {
            String home = themes.entrySet().stream().filter(e -> e.getValue().matcher(c).find()).map(Map.Entry::getKey)
                    .findFirst().orElseGet(() -> sections.entrySet().stream()
                            .min(java.util.Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey());
            sections.get(home).add(Character.toUpperCase(c.charAt(0)) + c.substring(1) + ".");
        }
        if (claims.isEmpty()) {
            sb.append("## What we know\n\nThe research notes give no figures yet; this draft stays short until they "
                    + "do.\n\n");
        }
        sections.forEach((heading, lines) -> {
            if (!lines.isEmpty()) {
                sb.append("## ").append(heading).append("\n\n").append(String.join(" ", lines)).append("\n\n");
            }
        });
        sb.append("## Conclusion\n\n").append(pick(rnd, "The figures point one way, ", "The evidence is clear enough, ",
                "The sources agree, ")).append("but each reader should weigh the figures against their own situation.");
        return sb.toString();
    }

    /** The editor's version: the draft of the input, tightened, with every fact and source kept. */
    static String edit(String input, Random rnd) {
        String request = SimulatedText.material(input);
        Matcher draft = Pattern.compile("(?m)^# .+").matcher(request);
        if (!draft.find()) {
            return article(input, rnd, "Edited for clarity and flow.");
        }
        String text = request.substring(draft.start()).strip();
        return text.replace("First draft, based only on the research notes.",
                        "Edited for clarity; every fact and source of the draft is kept.")
                .replace("More and more readers ask about ", "Readers keep asking about ");
    }

    /** The section names listed in a spec's instructions ("with the sections A, B (…) and C"), or the defaults. */
    static List<String> sections(SimulatedText.Spec spec, List<String> defaults) {
        Matcher m = SECTIONS.matcher(spec.instructions());
        if (!m.find()) {
            return defaults;
        }
        List<String> out = new ArrayList<>();
        for (String s : m.group(1).replaceAll("\\([^)]*\\)", "").split(",\\s*(?:and\\s+)?|\\s+and\\s+(?=[A-Z])")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.isEmpty() ? defaults : out;
    }

    /** The options of a decision named in a spec ("one of: enter now, enter with a local partner, or wait"). */
    static List<String> options(SimulatedText.Spec spec, List<String> defaults) {
        Matcher m = OPTIONS.matcher(spec.instructions() + " " + spec.goal());
        return m.find() ? List.of(m.group(1).strip(), m.group(2).strip(), m.group(3).strip()) : defaults;
    }

    /** The findings a supervisor collected, by the worker who wrote them. */
    static Map<String, String> findings(String input) {
        Map<String, String> out = new LinkedHashMap<>();
        String request = SimulatedText.material(input);
        String[] parts = request.split("(?m)^" + Pattern.quote(FINDINGS_FROM));
        for (int i = 1; i < parts.length; i++) {
            int nl = parts[i].indexOf('\n');
            if (nl > 0) {
                out.put(parts[i].substring(0, nl).strip(), parts[i].substring(nl + 1).strip());
            }
        }
        return out;
    }

    /** A report with the sections of the writer's instructions, each filled from the matching specialist. */
    static String report(SimulatedText.Spec spec, String input, Random rnd) {
        String topic = SimulatedText.topic(input);
        Map<String, String> findings = findings(input);
        List<String> options = options(spec, List.of("go now", "go with a partner", "wait"));
        String decision = options.get(decide(findings));
        String from = findings.isEmpty() ? "no specialist findings (none were passed on)"
                : SimulatedPlanner.join(List.copyOf(findings.keySet()));
        StringBuilder sb = new StringBuilder("# " + SimulatedText.title(topic) + "\n\n");
        for (String section : sections(spec, List.of("Summary", "Findings", "Risks", "Recommendation"))) {
            sb.append("## ").append(section).append("\n\n");
            String key = section.toLowerCase(Locale.ROOT);
            if (key.startsWith("summar")) {
                sb.append("This report answers: ").append(topic).append(topic.endsWith("?") ? "" : ".").append(" It draws on the findings of ").append(from)
                        .append(". In short, the recommendation is to ").append(decision).append(".\n\n");
            } else if (key.startsWith("risk")) {
                sb.append(risks(findings)).append("\n\n");
            } else if (key.startsWith("recommend") || key.startsWith("conclusion")) {
                sb.append("**").append(Character.toUpperCase(decision.charAt(0))).append(decision.substring(1))
                        .append(".** The three strongest reasons:\n\n");
                int n = 1;
                for (String source : findings.keySet()) {
                    if (n <= 3) {
                        sb.append(n++).append(". ").append(source).append(": ").append(keyFact(findings.get(source)))
                                .append('\n');
                    }
                }
                for (; n <= 3; n++) {
                    sb.append(n).append(". ").append(pick(rnd, "The timing fits the budget cycle.",
                            "A staged start limits the downside.", "The open risks have clear mitigations."))
                            .append('\n');
                }
                sb.append('\n');
            } else {
                sb.append(matching(section, findings)).append("\n\n");
            }
        }
        return sb.toString().strip();
    }

    /**
     * Which of three options (go now, go with care, wait) the findings support: an early break-even without a high
     * risk says go now, a late one says wait, anything between, or no figures at all, says go with care.
     */
    static int decide(Map<String, String> findings) {
        String all = String.join("\n", findings.values());
        Matcher m = Pattern.compile("(?i)break-even[^\n]*?month (\\d+)").matcher(all);
        if (!m.find()) {
            return 1;
        }
        int month = Integer.parseInt(m.group(1));
        return month <= 20 && !all.contains("(severity: high)") ? 0 : month <= 30 ? 1 : 2;
    }

    private static String matching(String section, Map<String, String> findings) {
        String best = null;
        double score = 0;
        for (var e : findings.entrySet()) {
            double s = LexicalMatch.similarity(section, e.getKey() + " " + e.getValue().lines().findFirst()
                    .orElse(""));
            if (s > score) {
                score = s;
                best = e.getKey();
            }
        }
        if (best == null) {
            return "No specialist covered this part; it stays open.";
        }
        // the specialist's document minus its own title and closing remark, sub-headings made bold
        StringBuilder sb = new StringBuilder();
        for (String line : findings.get(best).split("\\R")) {
            String l = line.strip();
            if (l.startsWith("## ") || l.startsWith("Every figure above") || l.startsWith("Simulated analysis")) {
                continue;
            }
            sb.append(l.startsWith("### ") ? "**" + l.substring(4) + "**" : l).append('\n');
        }
        return (sb.toString().strip() + "\n\n(From the " + best + "'s findings.)").replaceAll("\n{3,}", "\n\n");
    }

    private static String risks(Map<String, String> findings) {
        StringBuilder sb = new StringBuilder();
        for (String body : findings.values()) {
            for (String line : body.split("\\R")) {
                if (line.contains("(severity:")) {
                    String[] riskAndFix = line.replaceFirst("^- ", "").split(" - ", 2);
                    sb.append("- ").append(riskAndFix[0]).append(" - mitigation: ")
                            .append(riskAndFix.length > 1 ? riskAndFix[1] : "agree an owner and a deadline")
                            .append('\n');
                }
            }
        }
        sb.append("- Adoption slower than the base case - mitigation: stage the spending and review it at the "
                + "break-even month\n- Competitors cut prices - mitigation: compete on local support, not on price");
        return sb.toString();
    }

    /** The line of a specialist's findings that weighs most in a decision: break-even, market size, top risk. */
    private static String keyFact(String body) {
        List<String> bullets = body.lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2).strip()).toList();
        for (String key : List.of("Break-even", "Addressable market", "(severity: high)", "Verdict")) {
            for (String b : bullets) {
                if (b.contains(key)) {
                    return b;
                }
            }
        }
        return bullets.isEmpty() ? body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                .orElse("see the findings") : bullets.get(0);
    }

    /** A short decision memo: the decision first, then the headings the instructions ask for. */
    static String memo(SimulatedText.Spec spec, String input, Random rnd) {
        List<String> facts = facts(SimulatedText.material(input));
        List<String> options = options(spec, List.of("go", "go with changes", "stop"));
        String decision = facts.stream().anyMatch(f -> f.contains(options.get(1))) ? options.get(1)
                : facts.stream().anyMatch(f -> f.contains("risk high")) ? options.get(1) : options.get(0);
        StringBuilder sb = new StringBuilder("# Decision: " + decision + "\n\n");
        for (String heading : sections(spec, List.of("Decision", "Why", "Next steps"))) {
            String key = heading.toLowerCase(Locale.ROOT);
            if (key.startsWith("decision")) {
                continue;
            }
            sb.append("## ").append(heading).append("\n\n");
            List<String> lines;
            if (key.contains("negotiat") || key.contains("clause") || key.contains("change")) {
                // "Clause 4 (what it says): why; risk; proposed: change" becomes "Clause 4 (what it says): change"
                lines = facts.stream().filter(f -> f.contains("proposed: "))
                        .map(f -> f.substring(0, Math.max(0, f.indexOf("): ") + 1)) + ": "
                                + f.substring(f.indexOf("proposed: ") + "proposed: ".length())).toList();
            } else if (key.contains("financ") || key.contains("exposure") || key.contains("cost")) {
                lines = facts.stream().filter(f -> f.matches("(?i).*(eur|exposure|worst case).*")).toList();
            } else {
                List<String> high = facts.stream().filter(f -> f.contains("risk high")).map(f -> f.substring(0,
                        f.indexOf("; risk"))).toList();
                lines = high.isEmpty() ? facts.stream().limit(3).toList() : high;
            }
            if (lines.isEmpty()) {
                sb.append("Not quantified in the findings I received; ask the reviewers for the worst case in a year "
                        + "before deciding.\n\n");
            }
            for (String l : lines.stream().distinct().limit(4).toList()) {
                sb.append("- ").append(l).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString().strip();
    }

    /** The statements of an input: bullet lines, and the string items of any JSON object in it. */
    private static List<String> facts(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("{")) {
                try {
                    JSON.readTree(l).forEach(v -> collect(v, out));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    // not JSON after all: treat as text below
                }
            } else if (l.startsWith("- ")) {
                out.add(l.substring(2));
            }
        }
        return out;
    }

    private static void collect(JsonNode v, List<String> out) {
        if (v.isArray()) {
            v.forEach(x -> collect(x, out));
        } else if (v.isTextual()) {
            out.add(v.asText());
        }
    }
}
