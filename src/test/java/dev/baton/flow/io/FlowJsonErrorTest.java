package dev.baton.flow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every class of bad input gives one located line: where (line:column and JSON pointer) and what was expected. */
class FlowJsonErrorTest {

    /** A valid flow with one node and one edge; line numbers below refer to this layout. */
    private static final String VALID = """
            {
              "format": "baton.flow/1",
              "id": "f",
              "limits": {
                "maxTurnsPerAgent": 6
              },
              "nodes": [
                {
                  "id": "a",
                  "kind": "AGENT",
                  "position": {
                    "x": 1,
                    "y": 2
                  }
                }
              ],
              "edges": [
                {
                  "id": "e",
                  "kind": "NEXT",
                  "from": "a",
                  "to": "a"
                }
              ]
            }
            """;

    private static FlowLoadException failure(String json) {
        FlowLoadException e = catchThrowableOfType(FlowLoadException.class, () -> FlowJson.read(json));
        assertThat(e).as("reading should fail:\n%s", json).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
        return e;
    }

    private static FlowLoadException failureOf(String original, String replacement) {
        assertThat(VALID).contains(original);
        return failure(VALID.replace(original, replacement));
    }

    @Test
    void theBaseDocumentIsValid() throws Exception {
        assertThat(FlowJson.read(VALID).flow().nodes()).hasSize(1);
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        FlowLoadException e = failureOf("\"id\": \"a\",\n", "\"id\": \"a\"\n");

        assertThat(e.location()).isEqualTo("10:7 /nodes/0");
        assertThat(e.reason()).startsWith("invalid JSON: ").contains("was expecting comma");
    }

    @Test
    void aTrailingCommaIsASyntaxError() {
        FlowLoadException e = failureOf("\"to\": \"a\"\n", "\"to\": \"a\",\n");

        assertThat(e.location()).startsWith("23:5");
        assertThat(e.reason()).startsWith("invalid JSON: ");
    }

    @Test
    void aCutShortDocumentSaysSo() {
        FlowLoadException e = failure(VALID.substring(0, VALID.indexOf("\"edges\"")));

        assertThat(e.location()).startsWith("17:");
        assertThat(e.reason()).startsWith("invalid JSON: ").containsIgnoringCase("end-of-input");
    }

    @Test
    void contentAfterTheFlowObjectIsRefused() {
        FlowLoadException e = failure(VALID + "{}");

        assertThat(e.location()).startsWith("26:1");
        assertThat(e.reason()).contains("after the end of the flow object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n  "})
    void anEmptyDocumentSaysSo(String text) {
        assertThat(failure(text).reason()).startsWith("the document is empty");
    }

    @Test
    void aRootThatIsNoObjectIsRefused() {
        FlowLoadException e = failure("[\n]");

        assertThat(e.location()).isEqualTo("1:1 /");
        assertThat(e.reason()).isEqualTo("a flow file must be a JSON object, found an array");
    }

    @Test
    void aMissingFormatMarkerNamesTheSupportedFormats() {
        FlowLoadException e = failureOf("  \"format\": \"baton.flow/1\",\n", "");

        assertThat(e.location()).isEqualTo("1:1 /");
        assertThat(e.reason()).contains("missing \"format\": \"baton.flow/1\"")
                .contains("supported formats: baton.flow/1");
    }

    @Test
    void anUnknownFormatNamesTheSupportedFormats() {
        FlowLoadException e = failureOf("\"baton.flow/1\"", "\"baton.flow/9\"");

        assertThat(e.location()).isEqualTo("2:13 /format");
        assertThat(e.reason()).contains("'baton.flow/9'").contains("supported formats: baton.flow/1");
    }

    @Test
    void aFormatMarkerOfTheWrongTypeIsRefused() {
        FlowLoadException e = failureOf("\"baton.flow/1\"", "1");

        assertThat(e.location()).isEqualTo("2:13 /format");
        assertThat(e.reason()).contains("expected the format marker as a string, found the integer 1");
    }

    @Test
    void aMissingFlowIdIsLocatedAtTheRoot() {
        FlowLoadException e = failureOf("  \"id\": \"f\",\n", "");

        assertThat(e.location()).isEqualTo("1:1 /id");
        assertThat(e.reason()).isEqualTo("missing required field 'id'");
    }

    @Test
    void aMissingNodeKindIsLocatedAtItsNode() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",\n", "\n");

        assertThat(e.location()).isEqualTo("8:5 /nodes/0/kind");
        assertThat(e.reason()).isEqualTo("missing required field 'kind'");
    }

    @Test
    void aMissingNodeIdIsLocatedAtItsNode() {
        FlowLoadException e = failureOf("\"id\": \"a\",\n", "\n");

        assertThat(e.location()).isEqualTo("8:5 /nodes/0/id");
        assertThat(e.reason()).isEqualTo("missing required field 'id'");
    }

    @Test
    void aMissingEdgeEndIsLocatedAtItsEdge() {
        FlowLoadException e = failureOf(",\n      \"to\": \"a\"", "");

        assertThat(e.location()).isEqualTo("18:5 /edges/0/to");
        assertThat(e.reason()).isEqualTo("missing required field 'to'");
    }

    @Test
    void aNullRequiredFieldCountsAsMissing() {
        FlowLoadException e = failureOf("\"from\": \"a\"", "\"from\": null");

        assertThat(e.location()).isEqualTo("21:15 /edges/0/from");
        assertThat(e.reason()).isEqualTo("missing required field 'from'");
    }

    @Test
    void anUnknownNodeKindListsTheAllowedOnes() {
        FlowLoadException e = failureOf("\"AGENT\"", "\"AGNT\"");

        assertThat(e.location()).isEqualTo("10:15 /nodes/0/kind");
        assertThat(e.reason()).isEqualTo(
                "unknown kind 'AGNT'; expected one of: START, AGENT, SUPERVISOR, CRITIC, JUDGE, HUMAN, ROUTER, OUTPUT");
    }

    @Test
    void enumValuesAreUpperCase() {
        FlowLoadException e = failureOf("\"NEXT\"", "\"next\"");

        assertThat(e.location()).isEqualTo("20:15 /edges/0/kind");
        assertThat(e.reason()).startsWith("unknown kind 'next'; expected one of: NEXT, DELEGATES, HANDOFF, ROUTE, REVIEWS");
    }

    @Test
    void anUnknownFieldIsRejectedWithTheKnownOnes() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",", "\"kind\": \"AGENT\", \"colour\": \"red\",");

        assertThat(e.location()).isEqualTo("10:34 /nodes/0/colour");
        assertThat(e.reason()).isEqualTo("unknown field 'colour'; expected one of: id, kind, name, role, goal,"
                + " instructions, model, tools, expectedOutput, critic, judge, router, onWorkerFailure, position,"
                + " maxToolCalls, approval");
    }

    @Test
    void anUnknownTopLevelFieldIsRejected() {
        FlowLoadException e = failureOf("\"id\": \"f\",", "\"id\": \"f\", \"version\": 2,");

        assertThat(e.location()).isEqualTo("3:25 /version");
        assertThat(e.reason()).startsWith("unknown field 'version'; expected one of: format, id, name");
    }

    @Test
    void aStringWhereANumberBelongsIsAWrongType() {
        FlowLoadException e = failureOf("\"x\": 1", "\"x\": \"1\"");

        assertThat(e.location()).isEqualTo("12:14 /nodes/0/position/x");
        assertThat(e.reason()).isEqualTo("expected a number, found a string");
    }

    @Test
    void aFractionWhereAnIntegerBelongsIsAWrongType() {
        FlowLoadException e = failureOf("\"maxTurnsPerAgent\": 6", "\"maxTurnsPerAgent\": 6.5");

        assertThat(e.location()).isEqualTo("5:25 /limits/maxTurnsPerAgent");
        assertThat(e.reason()).isEqualTo("expected an integer, found the number 6.5");
    }

    @Test
    void anIntegerTooLargeForItsFieldIsOutOfRange() {
        FlowLoadException e = failureOf("\"maxTurnsPerAgent\": 6", "\"maxTurnsPerAgent\": 99999999999");

        assertThat(e.location()).isEqualTo("5:25 /limits/maxTurnsPerAgent");
        assertThat(e.reason()).contains("out of range");
    }

    @Test
    void aNumberBeyondDoubleRangeIsRefusedWhereItStands() {
        FlowLoadException e = failureOf("\"x\": 1", "\"x\": 1e400");

        assertThat(e.location()).isEqualTo("12:14 /nodes/0/position/x");
        assertThat(e.reason()).isEqualTo("the number is out of range");
    }

    @Test
    void anObjectWhereAnArrayBelongsIsAWrongType() {
        FlowLoadException e = failure(VALID.substring(0, VALID.indexOf("\"edges\"")) + "\"edges\": {}\n}");

        assertThat(e.location()).isEqualTo("17:12 /edges");
        assertThat(e.reason()).isEqualTo("expected an array, found an object");
    }

    @Test
    void aNullInsideAListIsRefused() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",", "\"kind\": \"AGENT\", \"tools\": [\"a\", null],");

        assertThat(e.location()).isEqualTo("10:39 /nodes/0/tools/1");
        assertThat(e.reason()).isEqualTo("null is not allowed in a list");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        FlowLoadException e = failureOf("\"id\": \"e\",", "\"id\": \"e\", \"id\": \"e2\",");

        assertThat(e.location()).isEqualTo("19:18 /edges/0/id");
        assertThat(e.reason()).startsWith("duplicate field 'id'");
    }

    @Test
    void anUnknownCheckTypeListsTheKnownOnes() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",",
                "\"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"regexp\", \"pattern\": \"x\"}]},");

        assertThat(e.location()).isEqualTo("10:56 /nodes/0/critic/checks/0/type");
        assertThat(e.reason()).isEqualTo(
                "unknown check type 'regexp'; expected one of: jsonSchema, regex, mustContain, length");
    }

    @Test
    void aCheckWithoutTypeSaysSo() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",",
                "\"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"pattern\": \"x\"}]},");

        assertThat(e.location()).isEqualTo("10:47 /nodes/0/critic/checks/0/type");
        assertThat(e.reason()).startsWith("missing check 'type'");
    }

    @Test
    void aFieldOfAnotherCheckTypeIsUnknown() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",",
                "\"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"length\", \"pattern\": \"x\"}]},");

        assertThat(e.location()).isEqualTo("10:77 /nodes/0/critic/checks/0/pattern");
        assertThat(e.reason()).isEqualTo("unknown field 'pattern'; expected one of: min, max");
    }

    @Test
    void aRegexCheckNeedsItsPattern() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",",
                "\"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"regex\"}]},");

        assertThat(e.location()).isEqualTo("10:47 /nodes/0/critic/checks/0/pattern");
        assertThat(e.reason()).isEqualTo("missing required field 'pattern'");
    }

    @Test
    void aJsonSchemaCheckNeedsAnObject() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",",
                "\"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"jsonSchema\", \"schema\": true}]},");

        assertThat(e.location()).isEqualTo("10:80 /nodes/0/critic/checks/0/schema");
        assertThat(e.reason()).isEqualTo("expected an object (a JSON Schema), found a boolean");
    }

    @Test
    void aTrustScoreMustBeANumber() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",",
                "\"kind\": \"JUDGE\", \"judge\": {\"trust\": {\"a\": \"high\"}},");

        assertThat(e.location()).isEqualTo("10:49 /nodes/0/judge/trust/a");
        assertThat(e.reason()).isEqualTo("expected a number, found a string");
    }

    @Test
    void aModelWithoutProviderSaysSo() {
        FlowLoadException e = failureOf("\"kind\": \"AGENT\",", "\"kind\": \"AGENT\", \"model\": {\"name\": \"m\"},");

        assertThat(e.location()).isEqualTo("10:33 /nodes/0/model/provider");
        assertThat(e.reason()).isEqualTo("missing required field 'provider'");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(LocatingReader.MAX_DEPTH) + "]".repeat(LocatingReader.MAX_DEPTH);
        FlowLoadException e = failureOf("\"id\": \"f\",", "\"id\": \"f\", \"x\": " + deep + ",");

        assertThat(e.location()).startsWith("3:" + (18 + LocatingReader.MAX_DEPTH) + " /x/0/0");
        assertThat(e.reason()).isEqualTo("nesting deeper than 64 levels is not accepted");
    }

    @Test
    void nestingUpToTheLimitIsNoSyntaxProblem() {
        String deep = "[".repeat(LocatingReader.MAX_DEPTH - 1) + "]".repeat(LocatingReader.MAX_DEPTH - 1);
        FlowLoadException e = failureOf("\"id\": \"f\",", "\"id\": \"f\", \"x\": " + deep + ",");

        // it gets as far as binding, which refuses the unknown field: the depth itself was fine
        assertThat(e.reason()).startsWith("unknown field 'x'");
    }

    @Test
    void anOversizedStringIsRefused() {
        String huge = "a".repeat(LocatingReader.MAX_STRING_CHARS + 1);
        FlowLoadException e = failureOf("\"id\": \"f\",", "\"id\": \"f\", \"description\": \"" + huge + "\",");

        assertThat(e.location()).isEqualTo("3:29 /description");
        assertThat(e.reason()).isEqualTo("a string is longer than 1048576 characters");
    }

    @Test
    void anOversizedDocumentIsRefusedBeforeParsing() {
        String huge = " ".repeat(LocatingReader.MAX_DOCUMENT_CHARS) + VALID;

        assertThat(failure(huge).reason()).startsWith("the document is too large");
    }

    @Test
    void nullInputIsALoadError() {
        assertThat(failure(null).reason()).isEqualTo("no document given");
    }
}
