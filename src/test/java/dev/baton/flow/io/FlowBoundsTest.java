package dev.baton.flow.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.FlowBounds;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every number of the format has a largest value the validator accepts, with the reason in the message, and every
 * text must be well-formed Unicode: flows that validated before and then filled the disk, overflowed a long or broke
 * the events writer in the middle of a run are refused up front, each at its JSON pointer.
 */
class FlowBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The blog chain sample (its critic, node 4, has a regex check and a length check) after a change. */
    private static List<Problem> problems(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Path.of("sample-flows/chain-blog-article.json")));
        change.accept(root);
        LoadedFlow loaded = FlowJson.read(JSON.writeValueAsString(root));
        return FlowValidator.validate(loaded.flow()).stream().filter(Problem::isError).toList();
    }

    private static Problem single(List<Problem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private static ObjectNode limits(ObjectNode root) {
        return root.has("limits") ? (ObjectNode) root.get("limits") : root.putObject("limits");
    }

    private static ObjectNode check(ObjectNode root, int k) {
        return (ObjectNode) root.get("nodes").get(4).get("critic").get("checks").get(k);
    }

    @Test
    void aLengthCheckAskingForAGigabyteIsRefusedWithTheCapOnOneReply() throws Exception {
        Problem p = single(problems(r -> check(r, 1).put("min", 999_999_999).put("max", 999_999_999)
        ).stream().filter(x -> x.pointer().endsWith("/min")).toList());
        assertThat(p.pointer()).isEqualTo("/nodes/4/critic/checks/1/min");
        assertThat(p.code()).isEqualTo("length-too-large");
        assertThat(p.message()).contains("999,999,999", "at most 1,000,000", "cap on one reply");
        assertThat(problems(r -> check(r, 1).put("min", 10).put("max", FlowBounds.MAX_OUTPUT_CHARS))).isEmpty();
    }

    @Test
    void longMaxSecondsForTheDeadlineOrTheTimeoutIsRefused() throws Exception {
        Problem deadline = single(problems(r -> limits(r).put("runDeadlineSeconds", Long.MAX_VALUE)));
        assertThat(deadline.pointer()).isEqualTo("/limits/runDeadlineSeconds");
        assertThat(deadline.message()).contains("9223372036854775807", "at most 604,800", "a week");
        Problem timeout = single(problems(r -> limits(r).put("agentTimeoutSeconds", Long.MAX_VALUE)));
        assertThat(timeout.pointer()).isEqualTo("/limits/agentTimeoutSeconds");
        assertThat(timeout.message()).contains("at most 86,400", "a day");
        assertThat(problems(r -> limits(r).put("runDeadlineSeconds", FlowBounds.MAX_RUN_DEADLINE_SECONDS)
                .put("agentTimeoutSeconds", FlowBounds.MAX_AGENT_TIMEOUT_SECONDS))).isEmpty();
    }

    @Test
    void everyLimitHasAMaximumWithItsReason() throws Exception {
        Object[][] cases = {
            {"maxTurnsPerAgent", (long) FlowBounds.MAX_TURNS_PER_AGENT, "looping"},
            {"maxHandoffs", (long) FlowBounds.MAX_HANDOFFS, "passing the request around"},
            {"maxCriticRetries", (long) FlowBounds.MAX_CRITIC_RETRIES, "runs the reviewed agent again"},
            {"tokenBudget", FlowBounds.MAX_RUN_TOKEN_BUDGET, "list price"},
        };
        for (Object[] c : cases) {
            String key = (String) c[0];
            long max = (Long) c[1];
            assertThat(problems(r -> limits(r).put(key, max))).as(key + " at its maximum").isEmpty();
            Problem p = single(problems(r -> limits(r).put(key, max + 1)));
            assertThat(p.pointer()).isEqualTo("/limits/" + key);
            assertThat(p.message()).as(key).contains("use at most", (String) c[2]);
        }
    }

    @Test
    void edgeBudgetsAndPositionsHaveMaximaToo() throws Exception {
        Problem budget = single(problems(r -> ((ObjectNode) r.get("edges").get(1)).putObject("context")
                .put("mode", "FULL").put("tokenBudget", Integer.MAX_VALUE)));
        assertThat(budget.pointer()).isEqualTo("/edges/1/context/tokenBudget");
        assertThat(budget.message()).contains("at most 1,000,000");
        Problem far = single(problems(r -> ((ObjectNode) r.get("nodes").get(2).get("position")).put("y", 1e300)));
        assertThat(far.pointer()).isEqualTo("/nodes/2/position/y");
    }

    @Test
    void aHugeRegexIsRefusedBeforeItCompiles() throws Exception {
        Problem p = single(problems(r -> check(r, 0).put("pattern", "a".repeat(65_536))));
        assertThat(p.pointer()).isEqualTo("/nodes/4/critic/checks/0/pattern");
        assertThat(p.code()).isEqualTo("regex-too-long");
        assertThat(p.message()).contains("65,536 characters", "at most 1,000");
        assertThat(problems(r -> check(r, 0).put("pattern", "a".repeat(FlowBounds.MAX_REGEX_CHARS)))).isEmpty();
    }

    @Test
    void mustContainPhrasesAndSchemasAreBounded() throws Exception {
        Problem phrase = single(problems(r -> ((ArrayNode) r.get("nodes").get(4).get("critic").get("checks"))
                .addObject().put("type", "mustContain").putArray("phrases").add("ok").add("x".repeat(5_000))));
        assertThat(phrase.pointer()).isEqualTo("/nodes/4/critic/checks/2/phrases/1");
        Problem schema = single(problems(r -> ((ArrayNode) r.get("nodes").get(4).get("critic").get("checks"))
                .addObject().put("type", "jsonSchema").putObject("schema").put("description", "d".repeat(70_000))));
        assertThat(schema.pointer()).isEqualTo("/nodes/4/critic/checks/2/schema");
    }

    @Test
    void aLoneSurrogateInANameIsRefusedAtItsPlace() throws Exception {
        String text = Files.readString(Path.of("sample-flows/chain-blog-article.json"))
                .replace("\"name\": \"Writer\"", "\"name\": \"Wri\\ud800ter\"");
        LoadedFlow loaded = FlowJson.read(text);
        Problem p = single(FlowValidator.validate(loaded.flow()).stream().filter(Problem::isError).toList());
        assertThat(p.code()).isEqualTo("invalid-text");
        assertThat(p.pointer()).isEqualTo("/nodes/2/name");
        assertThat(loaded.sourceMap().describe(p.pointer())).matches("\\d+:\\d+ /nodes/2/name");
        assertThat(p.message()).contains("lone surrogate \\ud800", "character 4", "UTF-8");
        // a well-formed pair (an emoji) is a character like any other
        assertThat(problems(r -> ((ObjectNode) r.get("nodes").get(2)).put("name", "Writer \uD83C\uDFBC"))).isEmpty();
    }

    @Test
    void loneSurrogatesAreFoundInEveryKindOfText() throws Exception {
        String bad = "x\udc00";
        String[][] places = {
            {"/description", null},
            {"/nodes/1/instructions", null},
            {"/nodes/4/critic/rubric", null},
            {"/nodes/4/critic/checks/0/pattern", null},
            {"/edges/0/label", null},
            {"/defaultModel/name", null},
        };
        for (String[] place : places) {
            String pointer = place[0];
            List<Problem> found = problems(r -> {
                String[] parts = pointer.substring(1).split("/");
                com.fasterxml.jackson.databind.JsonNode n = r;
                for (int i = 0; i < parts.length - 1; i++) {
                    n = n.isArray() ? n.get(Integer.parseInt(parts[i])) : n.get(parts[i]);
                }
                ((ObjectNode) n).put(parts[parts.length - 1], bad);
            });
            assertThat(found).as(pointer).extracting(Problem::pointer).contains(pointer);
        }
    }
}
