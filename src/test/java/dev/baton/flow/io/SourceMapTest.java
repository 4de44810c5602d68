package dev.baton.flow.io;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The source map built while reading lets model-level problems (JSON pointers) be shown with line:column. */
class SourceMapTest {

    @Test
    void aValidatorPointerIntoTheChainSampleGetsItsLineAndColumn() throws Exception {
        String text = Files.readString(FlowJsonRoundTripTest.SAMPLES.resolve("chain-blog-article.json"));
        List<String> lines = text.lines().toList();
        int line = lines.indexOf("      \"to\": \"editor\",") + 1; // the first edge into the editor is /edges/2
        assertThat(line).isPositive();

        SourceMap map = FlowJson.read(text).sourceMap();

        assertThat(map.describe("/edges/2/to")).isEqualTo(line + ":13 /edges/2/to");
        assertThat(map.describe("/edges/2")).isEqualTo((line - 4) + ":5 /edges/2");
        assertThat(map.describe("")).isEqualTo("1:1 /");
    }

    @Test
    void aPointerWithoutItsOwnValueFallsBackToItsParent() throws Exception {
        String text = "{\n  \"format\": \"baton.flow/1\",\n  \"id\": \"f\",\n  \"nodes\": [\n    {\"id\": \"a\","
                + " \"kind\": \"AGENT\"}\n  ]\n}\n";

        SourceMap map = FlowJson.read(text).sourceMap();

        assertThat(map.describe("/nodes/0/model/provider")).isEqualTo("5:5 /nodes/0/model/provider");
    }

    @Test
    void keysWithSlashesAndTildesAreEscapedInPointers() throws Exception {
        String text = "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"nodes\": [{\"id\": \"j\", \"kind\": \"JUDGE\","
                + " \"judge\": {\"trust\": {\"a/b~c\": 0.5}}}]}";

        SourceMap map = FlowJson.read(text).sourceMap();

        assertThat(map.locate("/nodes/0/judge/trust/a~1b~0c")).hasValueSatisfying(
                loc -> assertThat(loc.column()).isEqualTo(text.indexOf("0.5") + 1));
    }
}
