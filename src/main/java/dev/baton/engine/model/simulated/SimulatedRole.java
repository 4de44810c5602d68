package dev.baton.engine.model.simulated;

import dev.baton.engine.model.ToolSpec;

import java.util.List;
import java.util.Locale;

/**
 * The kind of specialist an agent is, read from its role nouns ("Market researcher", "Billing specialist", "Blog
 * writer"). The simulated model picks its text template and its routing behaviour from this, never from words of the
 * input, so that a researcher asked about a customer's market does not answer like customer support.
 */
enum SimulatedRole {
    TRIAGE("triage", "router", "routes", "routing", "dispatch", "front-line", "front line", "reception"),
    REFUNDS("refund"),
    BILLING("billing", "invoice", "accounts receivable"),
    TECH_SUPPORT("technical support", "tech support", "technical", "helpdesk", "it support"),
    FACT_CHECKER("fact-check", "fact check"),
    VERIFIER("verifier", "verif"),
    JUDGE("judge", "arbiter"),
    SUMMARY("summary", "summar", "memo"),
    EDITOR("editor", "copy edit", "proofread"),
    LEGAL("legal", "lawyer", "counsel", "compliance", "attorney"),
    FINANCIAL("financ", "controller", "accountant", "cfo"),
    MARKET_RESEARCHER("market research", "market analyst"),
    WRITER("writer", "author", "copywriter", "drafter"),
    RESEARCHER("research"),
    ANALYST("analyst", "analysis"),
    SUPPORT("support", "customer service", "customer care"),
    LEAD("lead", "head of", "manager", "supervisor", "director", "planner", "strateg"),
    GENERIC();

    private final List<String> nouns;

    SimulatedRole(String... nouns) {
        this.nouns = List.of(nouns);
    }

    /** Routers hand a request on instead of answering it themselves. */
    boolean routes() {
        return this == TRIAGE;
    }

    /** Synthesisers turn other agents' findings into one document, so a supervisor calls them last. */
    boolean synthesises() {
        return this == WRITER || this == EDITOR || this == SUMMARY;
    }

    /**
     * The role of an agent from its name, role and goal: the name decides first, then the head of the role ("Blog
     * writer" in "Blog writer who turns research notes into …"), then the whole role, then the goal. Within one of
     * those, the more specific noun wins ("Financial Analyst" is FINANCIAL, "Summary Writer" is SUMMARY).
     */
    static SimulatedRole of(String name, String role, String goal, String kind) {
        if ("JUDGE".equals(kind)) {
            return JUDGE;
        }
        for (String part : List.of(name, head(role), role, goal)) {
            SimulatedRole found = in(part);
            if (found != GENERIC) {
                return found;
            }
        }
        return GENERIC;
    }

    /** The role of a delegation or handoff target, from its tool description "… to Name: role. Goal: goal". */
    static SimulatedRole ofTool(ToolSpec tool) {
        Peer p = Peer.of(tool);
        return of(p.name(), p.role(), p.goal(), "");
    }

    private static SimulatedRole in(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.isBlank()) {
            return GENERIC;
        }
        for (SimulatedRole r : values()) {
            for (String noun : r.nouns) {
                if (t.contains(noun)) {
                    return r;
                }
            }
        }
        return GENERIC;
    }

    /** The noun phrase of a role, before its relative clause: "Blog writer" of "Blog writer who turns …". */
    static String head(String role) {
        return role.split("(?i)\\s+(?:who|that|which|for|of|with|specialised|specialized|in)\\s+|[,.;:]", 2)[0];
    }

    /** A worker or peer as its tool describes it. */
    record Peer(String tool, String name, String role, String goal) {
        static Peer of(ToolSpec t) {
            String d = t.description().replaceFirst("^(?:Delegate a sub-task to|Hand the conversation off to)\\s+",
                    "");
            String name = d;
            String role = "";
            String goal = "";
            int colon = d.indexOf(':');
            if (colon > 0) {
                name = d.substring(0, colon).strip();
                role = d.substring(colon + 1).strip();
            }
            int g = role.indexOf(". Goal: ");
            if (g >= 0) {
                goal = role.substring(g + ". Goal: ".length()).strip();
                role = role.substring(0, g).strip();
            }
            return new Peer(t.name(), name, role, goal);
        }

        /** What the peer does, without its name: role and goal. */
        String specialty() {
            return (role + " " + goal).strip();
        }
    }
}
