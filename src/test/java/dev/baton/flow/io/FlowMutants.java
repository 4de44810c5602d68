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
 * that run the ones that validate ({@code FlowMutantRunTest}): corruptions of the text and the tree; the hostile but
 * well-formed values (extreme numbers, odd strings, expensive checks) are {@link HostileMutants}.
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

    interface TreeMutation {
        void apply(ObjectNode root, Random r);
    }

    static String tree(String text, Random r, TreeMutation mutation) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(text);
            mutation.apply(root, r);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("sample does not parse", e);
        }
    }

    static List<JsonNode> containers(JsonNode root) {
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

    static void duplicateRandom(ArrayNode array, Random r) {
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

    static void rewireEdge(ObjectNode root, Random r) {
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
