package dev.baton.engine.model.simulated;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request is about, read from its words so that simulated documents can name it: the product ("our B2B
 * invoicing SaaS"), the country and the facts that come with it (its data protection law, its currency), and a
 * budget when one is stated.
 *
 * @param product  the product or service, or "the product"
 * @param country  the country, or "" when none is named
 * @param place    how to say where ("Japan", "the target market")
 * @param people   the country's adjective for language and customers ("Japanese", "local")
 * @param dataLaw  the data protection law that applies there
 * @param currency the currency amounts are given in (ISO code)
 * @param budget   the budget as written ("2 million euros"), or ""
 * @param business true when the customers are businesses (B2B, SaaS, enterprise …), false for consumers
 */
record SimulatedSubject(String product, String country, String place, String people, String dataLaw,
                        String currency, String budget, boolean business) {

    private record Country(String name, String adjective, String dataLaw, String currency) { }

    private static final List<Country> COUNTRIES = List.of(
            new Country("Japan", "Japanese", "the Act on the Protection of Personal Information (APPI)", "JPY"),
            new Country("Germany", "German", "the GDPR and the German BDSG", "EUR"),
            new Country("France", "French", "the GDPR and the French Data Protection Act", "EUR"),
            new Country("Spain", "Spanish", "the GDPR and the Spanish LOPDGDD", "EUR"),
            new Country("Italy", "Italian", "the GDPR and the Italian Privacy Code", "EUR"),
            new Country("United Kingdom", "British", "the UK GDPR and the Data Protection Act 2018", "GBP"),
            new Country("United States", "American", "the CCPA and other state privacy laws", "USD"),
            new Country("Canada", "Canadian", "PIPEDA", "CAD"),
            new Country("Brazil", "Brazilian", "the LGPD", "BRL"),
            new Country("China", "Chinese", "the Personal Information Protection Law (PIPL)", "CNY"),
            new Country("India", "Indian", "the Digital Personal Data Protection Act 2023", "INR"),
            new Country("Korea", "Korean", "the Personal Information Protection Act (PIPA)", "KRW"),
            new Country("Australia", "Australian", "the Privacy Act 1988", "AUD"));

    private static final Pattern OUR = Pattern.compile("\\b(?:our|my|a|an)\\s+((?:[\\w-]+\\s+){0,4}"
            + "(?:saas|software|app|application|platform|service|product|tool|solution|device|brand|shop|store"
            + "|business|system|subscription|api)s?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUDGET = Pattern.compile("(?i)budget(?: of| is|:)?\\s*(?:about|around|up to)?\\s*"
            + "([€$£¥]?\\s?[\\d.,]+\\s*(?:million|thousand|billion|bn|k|m)?\\s*(?:euros?|eur|dollars?|usd|pounds?|"
            + "gbp|yen|jpy)?)");

    /** The subject of a request, read from the request text and, for the country, also the agent's own spec. */
    static SimulatedSubject of(String request, String spec) {
        Country found = find(request);
        if (found == null) {
            found = find(spec);
        }
        Matcher p = OUR.matcher(request);
        String product = p.find() ? p.group(1).strip() : "the product";
        Matcher b = BUDGET.matcher(request);
        String budget = b.find() ? b.group(1).strip().replaceAll("[.,]$", "") : "";
        String lower = (request + " " + product).toLowerCase(Locale.ROOT);
        boolean business = lower.matches("(?s).*\\b(b2b|saas|enterprise|business|companies|invoic|erp|crm)\\w*.*");
        String currency = found != null ? found.currency() : lower.contains("dollar") || lower.contains("$") ? "USD"
                : lower.contains("pound") || lower.contains("£") ? "GBP" : "EUR";
        if (found == null) {
            return new SimulatedSubject(product, "", "the target market", "local",
                    "the local data protection law", currency, budget, business);
        }
        return new SimulatedSubject(product, found.name(), found.name(), found.adjective(), found.dataLaw(),
                found.currency(), budget, business);
    }

    /** The country named first in the text (a request's own words come before any quoted instruction). */
    private static Country find(String text) {
        String t = " " + text.replaceAll("[^\\p{L}]+", " ") + " ";
        Country first = null;
        int at = Integer.MAX_VALUE;
        for (Country c : COUNTRIES) {
            for (String word : List.of(c.name(), c.adjective())) {
                int i = t.indexOf(" " + word + " ");
                if (i >= 0 && i < at) {
                    first = c;
                    at = i;
                }
            }
        }
        if (first == null && (t.contains(" US ") || t.contains(" USA "))) {
            return COUNTRIES.stream().filter(c -> c.currency().equals("USD")).findFirst().orElse(null);
        }
        if (first == null && t.contains(" UK ")) {
            return COUNTRIES.stream().filter(c -> c.currency().equals("GBP")).findFirst().orElse(null);
        }
        return first;
    }

    /** The budget in thousands of euros when it is stated in euros (or without a currency), else -1. */
    long budgetThousandEur() {
        Matcher m = Pattern.compile("(?i)([\\d.,]+)\\s*(million|m|thousand|k|billion|bn)?\\s*(euros?|eur|€)?")
                .matcher(budget.replace("€", "").strip());
        if (budget.isEmpty() || !m.lookingAt() || (budget.matches("(?i).*(dollar|usd|pound|gbp|yen|jpy|\\$|£|¥).*"))) {
            return -1;
        }
        double value;
        try {
            value = Double.parseDouble(m.group(1).replace(",", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        double thousands = switch (unit) {
            case "million", "m" -> value * 1000;
            case "billion", "bn" -> value * 1_000_000;
            case "thousand", "k" -> value;
            default -> value / 1000;
        };
        return thousands >= 1 ? Math.round(thousands) : -1;
    }

    /** A price in this subject's currency, from a price in euros, rounded (a rough fixed rate). */
    String price(long eur) {
        long value = Math.round(eur * rate() / 10) * 10;
        return String.format(Locale.ROOT, "%s %,d", currency, value);
    }

    /** A money amount in this subject's currency, from an amount in thousands of euros (a rough fixed rate). */
    String money(long thousandEur) {
        double value = thousandEur * rate();
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%s %.1f bn", currency, value / 1_000_000);
        }
        if (value >= 1_000) {
            return String.format(Locale.ROOT, "%s %.1f m", currency, value / 1_000);
        }
        return String.format(Locale.ROOT, "%s %.0f k", currency, value);
    }

    private double rate() {
        return switch (currency) {
            case "JPY" -> 160;
            case "USD" -> 1.1;
            case "GBP" -> 0.85;
            case "INR" -> 90;
            case "KRW" -> 1450;
            case "CNY" -> 7.8;
            case "BRL" -> 6;
            default -> 1;
        };
    }
}
