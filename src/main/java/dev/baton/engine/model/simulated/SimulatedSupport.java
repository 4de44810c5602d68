package dev.baton.engine.model.simulated;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.baton.engine.model.simulated.SimulatedText.pick;

/**
 * Customer-support replies of the simulated model, one kind per specialty: triage's own short answer, billing's
 * explanation of charges with invoice numbers, a refund decision with amount and date, technical steps. Each reply
 * reacts to what the customer wrote (a double charge, an error code) and to what a colleague said on handing over.
 */
final class SimulatedSupport {

    private static final Pattern ERROR_CODE = Pattern.compile("(?i)\\b(?:error|code)\\s*([A-Z]?\\d{2,5})\\b");
    private static final Pattern HANDOFF_NOTE = Pattern.compile("(?s)^Handoff from ([^(:\\n]+?)\\s*(?:\\(|:|\\n)");
    /** In a FULL handoff context, the block of the agent who handed over: "Label:\n… (handed off to …)". */
    private static final Pattern HANDED_BY = Pattern.compile("(?m)^([^\\n:]{1,60}):\\n(?:(?!\\n\\n[^\\n:]{1,60}:\\n)"
            + "[\\s\\S])*?\\(handed off to ");

    private SimulatedSupport() {
    }

    static String reply(SimulatedRole role, SimulatedText.Spec spec, String input, Random rnd) {
        String request = SimulatedText.request(input).strip();
        String lower = request.toLowerCase(Locale.ROOT);
        String who = spec.displayName();
        String by = handedBy(input);
        String greeting = by.isEmpty() ? "Hello, and thank you for your message.\n\n"
                : "Hello, " + by + " passed your message to me.\n\n";
        // a colleague's note may already name the invoice: the answer keeps to it
        Matcher known = Pattern.compile("INV-\\d{4}-\\d{4}").matcher(input);
        String invoice = "INV-2026-" + (1000 + rnd.nextInt(9000));
        invoice = known.find() ? known.group() : invoice;
        String amount = (9 + rnd.nextInt(90)) + ".00 EUR";
        boolean twice = lower.matches("(?s).*\\b(twice|double|duplicate|two charges|charged two)\\b.*");
        String body = switch (role) {
            case BILLING -> billing(lower, twice, invoice, amount, rnd);
            case REFUNDS -> refund(twice, invoice, amount, rnd);
            case TECH_SUPPORT -> technical(request, rnd);
            case TRIAGE -> triage(lower);
            default -> "I have read your message and looked at your account. " + pick(rnd,
                    "Everything is in order on our side; here is what to do next:",
                    "I found what caused this; here is what happens next:") + "\n\n1. I have noted the issue on "
                    + "your account.\n2. You will get a confirmation by email within " + (1 + rnd.nextInt(3))
                    + " business days.";
        };
        return greeting + body + "\n\nKind regards,\n" + who + " (simulated reply, reference SIM-"
                + (1000 + rnd.nextInt(9000)) + ")";
    }

    /** Who handed the request to this agent, from the handoff context, or "". */
    static String handedBy(String input) {
        Matcher note = HANDOFF_NOTE.matcher(input.strip());
        if (note.find()) {
            return note.group(1).strip();
        }
        Matcher block = HANDED_BY.matcher(input);
        String last = "";
        while (block.find()) {
            last = block.group(1).strip();
        }
        return last;
    }

    /** What a specialist checked before handing a request on: new information for the next agent. */
    static String checked(SimulatedRole role, String request, Random rnd) {
        String lower = request.toLowerCase(Locale.ROOT);
        boolean twice = lower.matches("(?s).*\\b(twice|double|duplicate|two charges|charged two)\\b.*");
        return switch (role) {
            case BILLING -> twice ? "I checked the invoices: the subscription fee was charged twice this month "
                    + "(invoice INV-2026-" + (1000 + rnd.nextInt(9000)) + ", simulated); the second charge is a "
                    + "duplicate." : "I checked the invoices: every charge matches the plan (simulated check).";
            case TECH_SUPPORT -> "I checked the status page: no outage right now (simulated check).";
            case REFUNDS -> "I checked the purchase: it is within the refund period (simulated check).";
            default -> "I read the request and checked the account (simulated check).";
        };
    }

    private static String billing(String lower, boolean twice, String invoice, String amount, Random rnd) {
        if (twice) {
            return "I checked your invoices: " + invoice + " shows your subscription fee of " + amount
                    + " twice this month (simulated figure), once on the 1st and again on the "
                    + (2 + rnd.nextInt(5)) + "th, after a payment retry. The second charge is a duplicate. I have "
                    + "issued corrected invoice " + invoice + "-C without it.";
        }
        String plan = lower.contains("plan") || lower.contains("upgrade") || lower.contains("downgrade")
                ? "\n- Your plan change takes effect at the start of the next billing period; the difference is "
                + "pro-rated on the next invoice." : "";
        return "Here is what invoice " + invoice + " contains (simulated figures):\n\n- Subscription, monthly: "
                + amount + "\n- Usage above the plan's allowance: " + (2 + rnd.nextInt(20)) + ".00 EUR\n- VAT: "
                + "charged at your country's rate" + plan + "\n\nEvery charge matches your plan, so nothing needs "
                + "correcting. Your payment method on file stays as it is.";
    }

    private static String refund(boolean twice, String invoice, String amount, Random rnd) {
        String what = twice ? "the duplicate charge of " + amount + " on invoice " + invoice
                : "your last payment of " + amount;
        return "Refund decision: approved. Under our refund policy a charge made in error, or a purchase within 30 "
                + "days, is refunded in full.\n\n- Amount: " + what + " (simulated figure)\n- Method: back to the "
                + "card you paid with\n- Expected date: within " + (3 + rnd.nextInt(5)) + " business days\n\n"
                + "You will get an email when the refund is issued.";
    }

    private static String technical(String request, Random rnd) {
        Matcher code = ERROR_CODE.matcher(request);
        String error = code.find() ? "error " + code.group(1) : "the error you describe";
        return "Diagnosis: " + error + " comes from " + pick(rnd, "an outdated local cache after the last update",
                "a session that expired while the request was running", "a setting that the last update reset")
                + ". Our status page shows no ongoing outage (simulated check).\n\n1. Update the app to the latest "
                + "version and restart it.\n2. Sign out, clear the app's cache, and sign in again.\n3. Repeat what "
                + "you did when the problem appeared.\n4. If " + error + " shows again, reply with the version number "
                + "and a screenshot, and I will escalate it.";
    }

    private static String triage(String lower) {
        if (lower.matches("(?s).*\\b(thanks|thank you)\\b.*")) {
            return "You are welcome; I am glad we could help. Is there anything else I can do for you?";
        }
        if (lower.contains("hour") || lower.contains("open") || lower.contains("contact")) {
            return "Our support team is available Monday to Friday, 8:00 to 18:00, by chat and by email.";
        }
        return "I am happy to help. Could you tell me a little more, for example which invoice, error or order "
                + "this is about? Then I can pass you to the right specialist straight away.";
    }
}
