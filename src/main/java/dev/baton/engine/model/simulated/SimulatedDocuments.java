package dev.baton.engine.model.simulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.baton.engine.model.simulated.SimulatedText.pick;

/**
 * Specialist documents of the simulated model: market research, financial and legal reviews (of a market entry or of
 * a contract), JSON answers, verdicts and plans. Every figure is marked "(simulated figure)" so that no reader
 * mistakes it for a fact.
 */
final class SimulatedDocuments {

    static final String FIGURE = "(simulated figure)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTRACT = Pattern.compile("(?i)\\b(contract|agreement|clause|terms)\\b");
    private static final Pattern MONEY = Pattern.compile("(?i)pay|fee|price|cost|renew|penalt|interest|cap|liab"
            + "|currenc|credit|invoice|discount|index");
    private static final Pattern LEGAL_TOPIC = Pattern.compile("(?i)liab|indemn|terminat|law|jurisdiction|intellectual"
            + "|\\bip\\b|confidential|term\\b|renew|warrant|data|exclusiv|assign");

    private SimulatedDocuments() {
    }

    static String marketResearch(SimulatedText.Spec spec, String input, Random rnd) {
        SimulatedSubject s = SimulatedSubject.of(SimulatedText.request(input), spec.all());
        long size = 80 + rnd.nextInt(400);
        StringBuilder sb = new StringBuilder("## Market research: " + s.product() + " in " + s.place() + "\n\n");
        sb.append("### Market size\n\n- Addressable market: about ").append(s.money(size * 1000)).append(" a year ")
                .append(FIGURE).append(" (source: Simulated Industry Report 2025)\n- Expected growth: ")
                .append(4 + rnd.nextInt(14)).append("% a year to 2028 ").append(FIGURE)
                .append(" (source: Simulated Analyst Forecast)\n\n### Segments\n\n");
        int first = 35 + rnd.nextInt(20);
        int second = 20 + rnd.nextInt(15);
        String[] segments = s.business()
                ? new String[]{"Small businesses (1-49 employees): price-sensitive, buy online, need fast set-up",
                "Mid-sized companies: want integrations with the accounting and ERP systems they already use",
                "Large enterprises: long procurement, usually through system integrators"}
                : new String[]{"Young urban buyers: discover products on marketplaces and social media",
                "Families: compare prices and trust established brands",
                "Older buyers: value service, buy in shops and by phone"};
        int[] shares = {first, second, 100 - first - second};
        for (int i = 0; i < 3; i++) {
            sb.append("- ").append(segments[i]).append(" - ").append(shares[i]).append("% of demand ").append(FIGURE)
                    .append('\n');
        }
        sb.append("\n### Competitors\n\n| Competitor | Share | Price level |\n|---|---|---|\n");
        String[] kinds = {"local market leader", "local challenger", "global vendor", "global vendor",
                "niche specialist"};
        int left = 70;
        for (int i = 0; i < 5; i++) {
            int share = i == 4 ? Math.max(3, left) : Math.max(3, left / 2 - rnd.nextInt(6));
            left -= share;
            sb.append("| Simulated Competitor ").append((char) ('A' + i)).append(" (").append(kinds[i]).append(") | ")
                    .append(share).append("% ").append(FIGURE).append(" | ")
                    .append(pick(rnd, "low", "mid", "mid", "high")).append(" |\n");
        }
        sb.append("\n### Channels\n\n- Direct online sales: lowest cost, slow to build trust\n")
                .append("- Distributors and resellers: reach ").append(s.business() ? "companies" : "shops")
                .append(" that buy only from known suppliers\n- ")
                .append(s.country().equals("Japan") ? "Trading companies (shosha) and system integrators"
                        : "System integrators and agencies").append(": the usual route to large accounts\n")
                .append("- Marketplaces: quick visibility, margins of 10-20% ").append(FIGURE)
                .append("\n\n### Customer expectations\n\n- Product, contract and support fully in ")
                .append(s.people().equals("local") ? "the local language" : s.people())
                .append("\n- Visible quality and a local reference customer before buying\n")
                .append("- Support within business hours in the local time zone\n\n")
                .append("Every figure above is an estimate ").append(FIGURE).append("; confirm it with a real source ")
                .append("before deciding.");
        return sb.toString();
    }

    static String finance(SimulatedText.Spec spec, String input, Random rnd) {
        String request = SimulatedText.request(input);
        if (CONTRACT.matcher(request + " " + spec.all()).find()) {
            return moneyClauses(request, rnd);
        }
        SimulatedSubject s = SimulatedSubject.of(request, spec.all());
        long entry = 300 + rnd.nextInt(700);
        long running = 200 + rnd.nextInt(400);
        long base = 150 + rnd.nextInt(350);
        StringBuilder sb = new StringBuilder("## Business case: " + s.product() + " in " + s.place() + "\n\n");
        sb.append("All amounts in ").append(s.currency()).append(" (simulated figures).\n\n")
                .append("| Item | Year 1 | Year 2 | Year 3 |\n|---|---|---|---|\n")
                .append("| One-off entry costs (entity, localisation, hiring, launch) | ").append(s.money(entry))
                .append(" | - | - |\n| Running costs | ").append(s.money(running)).append(" | ")
                .append(s.money(running * 11 / 10)).append(" | ").append(s.money(running * 12 / 10)).append(" |\n");
        String[] names = {"low", "base", "high"};
        double[] factor = {0.6, 1.0, 1.6};
        for (int i = 0; i < 3; i++) {
            long y1 = Math.round(base * factor[i]);
            sb.append("| Revenue, ").append(names[i]).append(" case | ").append(s.money(y1)).append(" | ")
                    .append(s.money(y1 * 25 / 10)).append(" | ").append(s.money(y1 * 45 / 10)).append(" |\n");
        }
        int breakEven = 18 + rnd.nextInt(18);
        sb.append("\n- Price point: ").append(s.price(30 + rnd.nextInt(120))).append(" per customer and month, about ")
                .append(5 + rnd.nextInt(15)).append("% below the local leader ").append(FIGURE)
                .append("\n- Break-even of the base case: month ").append(breakEven).append(' ').append(FIGURE);
        if (s.budgetThousandEur() > 0) {
            sb.append("\n- Budget check: the entry costs use about ").append(entry * 100 / s.budgetThousandEur())
                    .append("% of the stated budget of ").append(s.budget());
        }
        sb.append("\n\nAssumptions: prices stable in ").append(s.currency()).append("; churn of ")
                .append(1 + rnd.nextInt(3)).append("% a month; sales hires in month 3 and 9; no subsidies.");
        return sb.toString();
    }

    /** The clauses of a contract text (its comma, semicolon or sentence separated parts) that match a filter. */
    static List<String> clauses(String text, Pattern filter) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("[,;:\\n]|(?<=[.])\\s+")) {
            String p = part.replaceAll("^[\\s:.-]+|[\\s.]+$", "");
            if (p.length() > 3 && filter.matcher(p).find() && out.size() < 6) {
                out.add(p);
            }
        }
        return out;
    }

    private static String moneyClauses(String request, Random rnd) {
        List<String> found = clauses(request, MONEY);
        if (found.isEmpty()) {
            found = List.of("Prices and indexation", "Payment terms", "Liability cap", "Automatic renewal");
        }
        StringBuilder sb = new StringBuilder("## Money clauses and exposure\n\n");
        int n = 2;
        for (String c : found) {
            sb.append("- Clause ").append(n).append(" (").append(c).append("): worst case about ")
                    .append(10 + rnd.nextInt(190)).append("k EUR a year for us ").append(FIGURE).append("; ")
                    .append(pick(rnd, "acceptable", "negotiate a lower figure", "ask for a cap")).append('\n');
            n += 1 + rnd.nextInt(3);
        }
        sb.append("\nLate payment interest and service credits: not stated; ask for them in writing.\n\nVerdict: ")
                .append(pick(rnd, "negotiate", "negotiate", "sign")).append(" (worst-case exposure about ")
                .append(50 + rnd.nextInt(300)).append("k EUR a year ").append(FIGURE).append(")");
        return sb.toString();
    }

    static String legal(SimulatedText.Spec spec, String input, Random rnd) {
        String request = SimulatedText.request(input);
        if (CONTRACT.matcher(request).find()) {
            StringBuilder sb = new StringBuilder("## Legal review\n\n");
            for (String f : contractFindings(request, rnd)) {
                sb.append("- ").append(f).append('\n');
            }
            return sb.append("\nVerdict: negotiate").toString();
        }
        SimulatedSubject s = SimulatedSubject.of(request, spec.all());
        StringBuilder sb = new StringBuilder("## Legal and regulatory findings: " + s.product() + " in " + s.place()
                + "\n\nSimulated analysis; confirm every point with local counsel.\n\n");
        Matcher options = Pattern.compile("\\(([^)]*,[^)]*)\\)").matcher(spec.goal() + " " + spec.instructions());
        List<String> entities = options.find() ? List.of(options.group(1).split("\\s*,\\s*"))
                : List.of("Subsidiary", "Branch office", "Local partner or distributor");
        sb.append("### Entity options\n\n| Option | Set-up time | Set-up cost | Liability |\n|---|---|---|---|\n");
        for (String e : entities) {
            boolean branch = e.toLowerCase(Locale.ROOT).contains("branch") || e.toLowerCase(Locale.ROOT)
                    .contains("partner");
            sb.append("| ").append(e).append(" | ").append(4 + rnd.nextInt(10)).append(" weeks | ")
                    .append(s.money(5 + rnd.nextInt(40))).append(' ').append(FIGURE).append(" | ")
                    .append(branch ? "parent company liable" : "limited to the entity").append(" |\n");
        }
        sb.append("\n### Applicable regulations\n\n- Data protection: ").append(s.dataLaw())
                .append(" - purpose of use, consent for transfers abroad, breach reporting\n")
                .append("- Consumer and commercial rules: clear terms, cancellation and pricing display\n")
                .append("- Company and tax registration, including VAT or consumption tax on sales\n")
                .append("- Sector licences: none expected for ").append(s.product())
                .append(" unless it moves customers' money\n\n### Launch risks\n\n")
                .append("- Data transfers abroad need consent or a safeguard (severity: high) - host data locally\n")
                .append("- Entity registration takes longer than planned (severity: medium) - start ")
                .append(2 + rnd.nextInt(3)).append(" months before launch\n")
                .append("- Terms not localised (severity: low) - have them translated and checked");
        return sb.toString();
    }

    /** How a reviewer on the customer's side reads a clause: its pattern, risk, why, and the change to ask for. */
    private record ClauseRule(Pattern pattern, String risk, String why, String change) { }

    private static final List<ClauseRule> RULES = List.of(
            new ClauseRule(Pattern.compile("(?i)unlimited|uncapped|no cap"), "high",
                    "unlimited liability may bind us as well as the supplier",
                    "agree a mutual cap of 12 months of fees, with data breaches outside it"),
            new ClauseRule(Pattern.compile("(?i)liab|indemn"), "high", "the cap protects the supplier, not us",
                    "exclude data breaches and gross negligence from the cap"),
            new ClauseRule(Pattern.compile("(?i)renew"), "medium", "the contract renews unless we act in time",
                    "make renewal opt-in, or allow cancellation with 90 days' notice"),
            new ClauseRule(Pattern.compile("(?i)term\\b|duration|year"), "medium", "we are bound for the whole term",
                    "add a right to terminate for convenience after year one"),
            new ClauseRule(Pattern.compile("(?i)pay|fee|price|index"), "low", "the terms are usual",
                    "keep them, and cap any yearly price increase at 3%"),
            new ClauseRule(Pattern.compile("(?i)law|jurisdiction"), "low", "disputes would be heard abroad",
                    "choose our home law and courts"),
            new ClauseRule(Pattern.compile("(?i)intellectual|\\bip\\b|data"), "medium",
                    "ownership of our data is not stated", "state that our data and its outputs stay ours"),
            new ClauseRule(Pattern.compile("(?i)."), "low", "the wording is unclear",
                    "define the terms it uses"));

    private static List<String> contractFindings(String request, Random rnd) {
        List<String> clauses = clauses(request, LEGAL_TOPIC);
        if (clauses.isEmpty()) {
            clauses = List.of("Liability", "Termination", "Governing law");
        }
        List<String> out = new ArrayList<>();
        int n = 3 + rnd.nextInt(3);
        for (String c : clauses) {
            ClauseRule rule = RULES.stream().filter(r -> r.pattern().matcher(c).find()).findFirst().orElseThrow();
            out.add("Clause " + n + " (" + c + "): " + rule.why() + "; risk " + rule.risk() + "; proposed: "
                    + rule.change());
            n += 1 + rnd.nextInt(4);
        }
        return out;
    }

    /** An answer as a JSON object whose fields are named in the expected output; labelled by a field. */
    static String json(SimulatedText.Spec spec, String input, Random rnd) {
        ObjectNode node = JSON.createObjectNode();
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
        String request = SimulatedText.request(input);
        List<String> findings = contractFindings(request, rnd);
        String topic = SimulatedText.topic(input);
        for (String f : fields) {
            switch (f) {
                case "findings" -> findings.forEach(node.putArray(f)::add);
                case "risks" -> {
                    ArrayNode risks = node.putArray(f);
                    findings.stream().filter(x -> x.contains("risk high") || x.contains("risk medium")).limit(3)
                            .map(x -> x.substring(0, x.indexOf(':'))).forEach(risks::add);
                    if (risks.isEmpty()) {
                        risks.add("No high risk found in " + topic);
                    }
                }
                case "verdict", "decision" -> node.put(f, findings.stream().anyMatch(x -> x.contains("risk high"))
                        ? "negotiate" : pick(rnd, "sign", "negotiate"));
                default -> node.put(f, SimulatedText.title(f.replace('_', ' ')) + " for " + topic + ": "
                        + pick(rnd, "none found", "two items", "one open point", "acceptable"));
            }
        }
        node.put("simulated", true);
        return node.toString();
    }

    /** A verifier's or judge's plain-text ruling on the claims it was given. */
    static String verdict(SimulatedText.Spec spec, String input, Random rnd) {
        List<String> claims = new ArrayList<>();
        for (String line : SimulatedText.material(input).split("\\R")) {
            if (line.startsWith("- ") && claims.size() < 3) {
                claims.add(line.substring(2).strip());
            }
        }
        StringBuilder sb = new StringBuilder("## " + spec.displayName() + ": ruling\n\n");
        if (claims.isEmpty()) {
            sb.append("Nothing in the input contradicts itself; the findings stand as given.");
        } else {
            for (String c : claims) {
                sb.append("- ").append(c).append(" - ").append(pick(rnd, "supported by the wording",
                        "supported in part; the wording is narrower", "not supported by the wording")).append('\n');
            }
            sb.append("\nOverall: the better-supported claims are kept; the others are dropped.");
        }
        return sb.toString();
    }

    /** A lead's own plan when it works without workers. */
    static String plan(SimulatedText.Spec spec, String input) {
        String topic = SimulatedText.topic(input);
        return "## Plan: " + SimulatedText.title(topic) + "\n\n1. Restate the decision to be made: " + topic
                + ".\n2. Gather the facts that decide it" + (spec.goal().isEmpty() ? "" : " (" + spec.goal() + ")")
                + ".\n3. Weigh the options against the facts.\n4. Recommend one option and name its main risk.";
    }
}
