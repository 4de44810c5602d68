package dev.baton.flow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Seeded mutants of the sample flows, shared by the tests that load them ({@code FlowCorruptionTest}) and the tests
 * that run the ones that validate ({@code FlowMutantRunTest}): corruptions of the text and the tree, and hostile but
 * well-formed values (extreme numbers, odd strings, expensive checks) that a validator must bound.
 */
public final class FlowMutants {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FlowMutants() {
    }

    public static List<String> sampleTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("sample-flows"), "*.json")) {
            for (Path p : dir) {
                texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        texts.sort(null);
        return texts;
    }

    public static Map<String, BiFunction<String, Random, String>> mutators() {
        Map<String, BiFunction<String, Random, String>> m = new java.util.LinkedHashMap<>();
        m.put("truncate", (text, r) -> text.substring(0, r.nextInt(text.length())));
        m.put("random-bytes", (text, r) -> {
            StringBuilder b = new StringBuilder(text);
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                int at = r.nextInt(b.length());
                b.setCharAt(at, (char) (r.nextInt(2) == 0 ? r.nextInt(128) : r.nextInt(0xD7FF)));
            }
            return b.toString();
        });
        m.put("pure-garbage", (text, r) -> {
            byte[] bytes = new byte[1 + r.nextInt(400)];
            r.nextBytes(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        });
        m.put("delete-field", (text, r) -> tree(text, r, FlowMutants::deleteField));
        m.put("wrong-type", (text, r) -> tree(text, r, FlowMutants::wrongType));
        m.put("delete-node", (text, r) -> tree(text, r, (root, rnd) -> removeRandom((ArrayNode) root.get("nodes"), rnd)));
        m.put("duplicate-node", (text, r) -> tree(text, r, (root, rnd) -> duplicateRandom((ArrayNode) root.get("nodes"), rnd)));
        m.put("duplicate-edge", (text, r) -> tree(text, r, (root, rnd) -> duplicateRandom((ArrayNode) root.get("edges"), rnd)));
        m.put("rewire-edge", (text, r) -> tree(text, r, FlowMutants::rewireEdge));
        m.put("collide-ids", (text, r) -> tree(text, r, FlowMutants::collideIds));
        m.put("huge-string", (text, r) -> tree(text, r, (root, rnd) -> replaceRandomValue(root, rnd,
                NODES.textNode("x".repeat(rnd.nextBoolean() ? 200_000 : 3_000_000)))));
        m.put("deep-nesting", (text, r) -> tree(text, r, (root, rnd) -> replaceRandomValue(root, rnd, deep(rnd))));
        m.put("unknown-enum", (text, r) -> tree(text, r, FlowMutants::unknownEnum));
        m.put("unknown-field", (text, r) -> tree(text, r, (root, rnd) -> randomObject(root, rnd)
                .put(rnd.nextBoolean() ? "colour" : "apiKey", "sk-" + "A".repeat(rnd.nextInt(40)))));
        m.put("deep-nesting-text", (text, r) -> "[".repeat(1_000 + r.nextInt(50_000)));
        return m;
    }

    /**
     * Well-formed mutants with hostile values: every numeric field of the format set to an extreme, strings holding
     * lone surrogates, control characters or a lot of text, critics given expensive or odd checks, context policies
     * at their edges. Many of them validate; those must run without taking the machine down.
     */
    public static Map<String, BiFunction<String, Random, String>> hostileMutators() {
        Map<String, BiFunction<String, Random, String>> m = new java.util.LinkedHashMap<>();
        m.put("extreme-limit", (text, r) -> tree(text, r, FlowMutants::extremeLimit));
        m.put("extreme-number", (text, r) -> tree(text, r, FlowMutants::extremeNumber));
        m.put("hostile-text", (text, r) -> tree(text, r, FlowMutants::hostileText));
        m.put("add-check", (text, r) -> tree(text, r, FlowMutants::addCheck));
        m.put("context-policy", (text, r) -> tree(text, r, FlowMutants::contextPolicy));
        m.put("several", (text, r) -> tree(text, r, (root, rnd) -> {
            TreeMutation[] all = {FlowMutants::extremeLimit, FlowMutants::extremeNumber, FlowMutants::hostileText,
                FlowMutants::addCheck, FlowMutants::contextPolicy, FlowMutants::rewireEdge,
                (o, x) -> duplicateRandom((ArrayNode) o.get("edges"), x)};
            for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                all[rnd.nextInt(all.length)].apply(root, rnd);
            }
        }));
        return m;
    }

    private static final String[] LIMIT_KEYS = {"maxTurnsPerAgent", "maxHandoffs", "maxCriticRetries",
        "agentTimeoutSeconds", "runDeadlineSeconds", "tokenBudget"};

    private static JsonNode extremeValue(Random r) {
        JsonNode[] values = {NODES.numberNode(0), NODES.numberNode(1), NODES.numberNode(-1), NODES.numberNode(2),
            NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(999_999_999),
            NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(86_400),
            NODES.numberNode(1e308), NODES.numberNode(0.5), NODES.numberNode(-0.0)};
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
        for (JsonNode c : containers(root)) {
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
        for (JsonNode c : containers(root)) {
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
            a.set(i, NODES.textNode(append ? a.get(i).asText() + value : value));
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
        ObjectNode check = NODES.objectNode();
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
            case 2 -> check.put("type", "mustContain").set("phrases", NODES.arrayNode().add(hostileString(r)));
            default -> {
                ObjectNode schema = NODES.objectNode();
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
            context.set("fields", NODES.arrayNode().add(r.nextBoolean() ? "answer" : hostileString(r)));
        }
        if (r.nextBoolean()) {
            context.set("tokenBudget", extremeValue(r));
        }
    }

    private interface TreeMutation {
        void apply(ObjectNode root, Random r);
    }

    private static String tree(String text, Random r, TreeMutation mutation) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(text);
            mutation.apply(root, r);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("sample does not parse", e);
        }
    }

    private static List<JsonNode> containers(JsonNode root) {
        List<JsonNode> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (JsonNode child : n) {
                collect(child, out);
            }
        }
    }

    private static ObjectNode randomObject(ObjectNode root, Random r) {
        List<JsonNode> objects = containers(root).stream().filter(JsonNode::isObject).toList();
        return (ObjectNode) objects.get(r.nextInt(objects.size()));
    }

    private static void deleteField(ObjectNode root, Random r) {
        ObjectNode o = randomObject(root, r);
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            o.remove(names.get(r.nextInt(names.size())));
        }
    }

    private static void wrongType(ObjectNode root, Random r) {
        JsonNode[] replacements = {
            NODES.textNode("oops"), NODES.numberNode(42), NODES.numberNode(-1.5e300), NODES.booleanNode(true),
            NODES.nullNode(), NODES.arrayNode().add(1), NODES.objectNode().put("x", 1), NODES.numberNode(new java.math.BigDecimal("1e400"))
        };
        replaceRandomValue(root, r, replacements[r.nextInt(replacements.length)]);
    }

    private static void replaceRandomValue(ObjectNode root, Random r, JsonNode value) {
        ObjectNode o = randomObject(root, r);
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            o.set("x", value);
        } else {
            o.set(names.get(r.nextInt(names.size())), value);
        }
    }

    private static void removeRandom(ArrayNode array, Random r) {
        if (array != null && !array.isEmpty()) {
            array.remove(r.nextInt(array.size()));
        }
    }

    private static void duplicateRandom(ArrayNode array, Random r) {
        if (array != null && !array.isEmpty()) {
            array.insert(r.nextInt(array.size() + 1), array.get(r.nextInt(array.size())).deepCopy());
        }
    }

    private static List<String> ids(ObjectNode root) {
        List<String> ids = new ArrayList<>();
        for (String key : List.of("nodes", "edges")) {
            JsonNode array = root.get(key);
            if (array != null) {
                array.forEach(n -> ids.add(n.path("id").asText("?")));
            }
        }
        return ids;
    }

    private static void rewireEdge(ObjectNode root, Random r) {
        ArrayNode edges = (ArrayNode) root.get("edges");
        if (edges.isEmpty()) {
            return;
        }
        ObjectNode edge = (ObjectNode) edges.get(r.nextInt(edges.size()));
        List<String> ids = ids(root);
        String target = r.nextInt(4) == 0 ? "ghost-" + r.nextInt(100) : ids.get(r.nextInt(ids.size()));
        edge.put(r.nextBoolean() ? "from" : "to", target);
        if (r.nextInt(3) == 0) {
            String[] kinds = {"NEXT", "DELEGATES", "HANDOFF", "REVIEWS"};
            edge.put("kind", kinds[r.nextInt(kinds.length)]);
        }
    }

    private static void collideIds(ObjectNode root, Random r) {
        ArrayNode nodes = (ArrayNode) root.get("nodes");
        ArrayNode edges = (ArrayNode) root.get("edges");
        List<ObjectNode> all = new ArrayList<>();
        nodes.forEach(n -> all.add((ObjectNode) n));
        edges.forEach(n -> all.add((ObjectNode) n));
        ObjectNode a = all.get(r.nextInt(all.size()));
        ObjectNode b = all.get(r.nextInt(all.size()));
        a.put("id", b.path("id").asText());
        if (r.nextInt(4) == 0) {
            a.put("id", r.nextBoolean() ? "" : "has spaces/and slashes");
        }
    }

    private static void unknownEnum(ObjectNode root, Random r) {
        List<ObjectNode> withEnums = new ArrayList<>();
        for (JsonNode c : containers(root)) {
            if (c.isObject()) {
                Iterator<String> it = c.fieldNames();
                while (it.hasNext()) {
                    String f = it.next();
                    if (List.of("kind", "mode", "onExhausted", "strategy", "provider", "type", "format").contains(f)) {
                        withEnums.add((ObjectNode) c);
                        break;
                    }
                }
            }
        }
        ObjectNode o = withEnums.get(r.nextInt(withEnums.size()));
        for (String f : List.of("kind", "mode", "onExhausted", "strategy", "provider", "type", "format")) {
            if (o.has(f)) {
                o.put(f, r.nextBoolean() ? o.get(f).asText().toLowerCase() + "X" : "");
                return;
            }
        }
    }

    private static JsonNode deep(Random r) {
        int depth = 50 + r.nextInt(900); // Jackson itself refuses to write deeper; deeper text comes from deep-nesting-text
        JsonNode n = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            n = r.nextBoolean() ? NODES.arrayNode().add(n) : NODES.objectNode().set("a", n);
        }
        return n;
    }
}
