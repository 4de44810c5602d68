package dev.baton.flow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/** The hostile but well-formed mutants of {@link FlowMutants}: values a validator must bound and a run must survive. */
public final class HostileMutants {

    private HostileMutants() {
    }

    /**
     * Well-formed mutants with hostile values: every numeric field of the format set to an extreme, strings holding
     * lone surrogates, control characters or a lot of text, critics given expensive or odd checks, context policies
     * at their edges. Many of them validate; those must run without taking the machine down.
     */
    public static Map<String, BiFunction<String, Random, String>> hostileMutators() {
        Map<String, BiFunction<String, Random, String>> m = new java.util.LinkedHashMap<>();
        m.put("extreme-limit", (text, r) -> FlowMutants.tree(text, r, HostileMutants::extremeLimit));
        m.put("extreme-number", (text, r) -> FlowMutants.tree(text, r, HostileMutants::extremeNumber));
        m.put("hostile-text", (text, r) -> FlowMutants.tree(text, r, HostileMutants::hostileText));
        m.put("add-check", (text, r) -> FlowMutants.tree(text, r, HostileMutants::addCheck));
        m.put("context-policy", (text, r) -> FlowMutants.tree(text, r, HostileMutants::contextPolicy));
        m.put("several", (text, r) -> FlowMutants.tree(text, r, (root, rnd) -> {
            FlowMutants.TreeMutation[] all = {HostileMutants::extremeLimit, HostileMutants::extremeNumber, HostileMutants::hostileText,
                HostileMutants::addCheck, HostileMutants::contextPolicy, FlowMutants::rewireEdge,
                (o, x) -> FlowMutants.duplicateRandom((ArrayNode) o.get("edges"), x)};
            for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                all[rnd.nextInt(all.length)].apply(root, rnd);
            }
        }));
        return m;
    }

    private static final String[] LIMIT_KEYS = {"maxTurnsPerAgent", "maxHandoffs", "maxCriticRetries",
        "agentTimeoutSeconds", "runDeadlineSeconds", "tokenBudget"};

    private static JsonNode extremeValue(Random r) {
        JsonNode[] values = {FlowMutants.NODES.numberNode(0), FlowMutants.NODES.numberNode(1), FlowMutants.NODES.numberNode(-1), FlowMutants.NODES.numberNode(2),
            FlowMutants.NODES.numberNode(Integer.MAX_VALUE), FlowMutants.NODES.numberNode(Long.MAX_VALUE), FlowMutants.NODES.numberNode(999_999_999),
            FlowMutants.NODES.numberNode(Integer.MIN_VALUE), FlowMutants.NODES.numberNode(Long.MIN_VALUE), FlowMutants.NODES.numberNode(86_400),
            FlowMutants.NODES.numberNode(1e308), FlowMutants.NODES.numberNode(0.5), FlowMutants.NODES.numberNode(-0.0)};
        return values[r.nextInt(values.length)];
    }

    private static void extremeLimit(ObjectNode root, Random r) {
        ObjectNode limits = root.has("limits") && root.get("limits").isObject() ? (ObjectNode) root.get("limits")
                : root.putObject("limits");
        limits.set(LIMIT_KEYS[r.nextInt(LIMIT_KEYS.length)], extremeValue(r));
    }

    /** Any number anywhere in the tree: limits, check bounds, retries, budgets, trust, temperature, positions. */
    private static void extremeNumber(ObjectNode root, Random r) {
        List<ObjectNode> owners = new ArrayList<>();
        for (JsonNode c : FlowMutants.containers(root)) {
            if (c.isObject()) {
                c.fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber()) {
                        owners.add((ObjectNode) c);
                    }
                });
            }
        }
        if (owners.isEmpty()) {
            return;
        }
        ObjectNode o = owners.get(r.nextInt(owners.size()));
        List<String> numeric = new ArrayList<>();
        o.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber()) {
                numeric.add(f.getKey());
            }
        });
        o.set(numeric.get(r.nextInt(numeric.size())), extremeValue(r));
    }

    private static final String[] HOSTILE = {"\ud800", "x\udc00y", "\u0000", "a\u0007b", "line\nforged.json: valid",
        "\u202etxt.exe", "%s%n%d", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "\"quoted\"",
        "\ufeff", "🎼 emoji 🎻", "\t", " "};

    private static String hostileString(Random r) {
        int pick = r.nextInt(HOSTILE.length + 2);
        if (pick == HOSTILE.length) {
            return "long ".repeat(1 + r.nextInt(40_000));
        }
        if (pick == HOSTILE.length + 1) {
            return "(" + "a|".repeat(r.nextInt(5_000)) + "b)+";
        }
        return HOSTILE[pick];
    }

    /** A string field anywhere (names, roles, instructions, labels, rubrics, phrases, patterns, ids) gets a hostile text. */
    private static void hostileText(ObjectNode root, Random r) {
        List<JsonNode> targets = new ArrayList<>();
        for (JsonNode c : FlowMutants.containers(root)) {
            if (c.isObject()) {
                c.fields().forEachRemaining(f -> {
                    if (f.getValue().isTextual() && !List.of("format", "kind", "mode", "onExhausted", "strategy",
                            "type", "provider").contains(f.getKey())) {
                        targets.add(c);
                    }
                });
            } else if (c.isArray()) {
                for (JsonNode item : c) {
                    if (item.isTextual()) {
                        targets.add(c);
                        break;
                    }
                }
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        JsonNode c = targets.get(r.nextInt(targets.size()));
        String value = hostileString(r);
        boolean append = r.nextBoolean();
        if (c instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    keys.add(f.getKey());
                }
            });
            String key = keys.get(r.nextInt(keys.size()));
            o.put(key, append ? o.get(key).asText() + value : value);
        } else {
            ArrayNode a = (ArrayNode) c;
            int i = r.nextInt(a.size());
            a.set(i, FlowMutants.NODES.textNode(append ? a.get(i).asText() + value : value));
        }
    }

    /** A critic gets one more check: a costly or odd regex, extreme length bounds, odd phrases, a strange schema. */
    private static void addCheck(ObjectNode root, Random r) {
        List<ObjectNode> critics = new ArrayList<>();
        for (JsonNode n : root.path("nodes")) {
            if ("CRITIC".equals(n.path("kind").asText()) && n.path("critic").isObject()) {
                critics.add((ObjectNode) n.get("critic"));
            }
        }
        if (critics.isEmpty()) {
            return;
        }
        ObjectNode critic = critics.get(r.nextInt(critics.size()));
        ArrayNode checks = critic.has("checks") && critic.get("checks").isArray() ? (ArrayNode) critic.get("checks")
                : critic.putArray("checks");
        ObjectNode check = FlowMutants.NODES.objectNode();
        switch (r.nextInt(4)) {
            case 0 -> {
                String[] patterns = {"(a+)+$", "(x+x+)+y", "^(\\w+\\s?)*$", "(.*a){20}", "a".repeat(65_536),
                    "(" + "(a)".repeat(3_000) + ")", "[\\s\\S]*[\\s\\S]*[\\s\\S]*z", "\\Q\\ud800\\E", "(?i)é"};
                check.put("type", "regex").put("pattern", patterns[r.nextInt(patterns.length)]);
            }
            case 1 -> {
                check.put("type", "length");
                if (r.nextBoolean()) {
                    check.set("min", extremeValue(r));
                }
                if (r.nextBoolean()) {
                    check.set("max", extremeValue(r));
                }
            }
            case 2 -> check.put("type", "mustContain").set("phrases", FlowMutants.NODES.arrayNode().add(hostileString(r)));
            default -> {
                ObjectNode schema = FlowMutants.NODES.objectNode();
                switch (r.nextInt(4)) {
                    case 0 -> schema.put("$ref", "http://127.0.0.1:9/schema.json");
                    case 1 -> schema.put("type", "string").put("pattern", "^(a+)+$");
                    case 2 -> schema.put("type", "object").put("minProperties", Integer.MAX_VALUE);
                    default -> schema.put("type", "string").put("maxLength", -1);
                }
                check.put("type", "jsonSchema").set("schema", schema);
            }
        }
        checks.add(check);
    }

    private static void contextPolicy(ObjectNode root, Random r) {
        ArrayNode edges = (ArrayNode) root.get("edges");
        List<ObjectNode> work = new ArrayList<>();
        edges.forEach(e -> {
            if (!"REVIEWS".equals(e.path("kind").asText())) {
                work.add((ObjectNode) e);
            }
        });
        if (work.isEmpty()) {
            return;
        }
        ObjectNode context = work.get(r.nextInt(work.size())).putObject("context");
        String[] modes = {"FULL", "LAST", "SUMMARY", "FIELDS"};
        String mode = modes[r.nextInt(modes.length)];
        context.put("mode", mode);
        if (mode.equals("FIELDS")) {
            context.set("fields", FlowMutants.NODES.arrayNode().add(r.nextBoolean() ? "answer" : hostileString(r)));
        }
        if (r.nextBoolean()) {
            context.set("tokenBudget", extremeValue(r));
        }
    }

}
