package dev.baton.tool.builtin;

import dev.baton.flow.BuiltInToolNames;
import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.ToolSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimpleToolsTest {

    private final ToolRunner runner = new ToolRunner(BuiltInTools.registerAll(new ToolRegistry(),
            new BuiltInTools.Settings(null, new HostAllowList(List.of()), 1, 1, 1, java.time.Duration.ofSeconds(1),
                    Clock.fixed(Instant.parse("2026-03-14T09:26:53Z"), ZoneOffset.UTC))), Redactor.shapesOnly());

    private ToolResult calc(String expression) {
        return runner.call("calculator", ToolSchemas.MAPPER.createObjectNode().put("expression", expression));
    }

    @Test
    void calculatorIsExactInDecimal() {
        assertThat(calc("0.1 + 0.2").content()).isEqualTo("0.3");
        assertThat(calc("(1250000 * 0.035) / 12").content()).isEqualTo("3645.833333333333333333333333333333");
        assertThat(calc("2 ^ 64").content()).isEqualTo("18446744073709551616");
        assertThat(calc("ROUND(125000000 * 0.18, 0)").content()).isEqualTo("22500000");
        assertThat(calc("SQRT(2)").content()).startsWith("1.41421356237309504880168872420969");
    }

    @Test
    void calculatorErrorsAreResults() {
        assertThat(calc("1 / 0").error()).isTrue();
        assertThat(calc("1 +").error()).isTrue();
        assertThat(calc("rm -rf /").error()).isTrue();
        assertThat(calc("").error()).isTrue();
    }

    @Test
    void currentTimeReadsTheClockInAZone() {
        ToolResult utc = runner.call("current_time", "{}");
        assertThat(utc.content()).isEqualTo("2026-03-14T09:26:53Z (Z, Saturday)");
        ToolResult tokyo = runner.call("current_time", "{\"timezone\":\"Asia/Tokyo\"}");
        assertThat(tokyo.content()).isEqualTo("2026-03-14T18:26:53+09:00 (Asia/Tokyo, Saturday)");
        assertThat(runner.call("current_time", "{\"timezone\":\"Mars/Olympus\"}").error()).isTrue();
    }

    @Test
    void askHumanIsDeclaredButAnsweredElsewhere() {
        ToolResult r = runner.call("ask_human", "{\"question\":\"ok?\"}");
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("human-input gate");
    }

    @Test
    void everyBuiltInNameTheValidatorKnowsHasATool(@TempDir Path ws) throws Exception {
        var all = BuiltInTools.create(BuiltInTools.Settings.defaults(new Workspace(ws), List.of("example.org")));
        assertThat(all.stream().map(t -> t.descriptor().name()).toList())
                .containsExactlyElementsOf(BuiltInToolNames.ALL);
        assertThat(all).allSatisfy(t -> assertThat(t.descriptor().parameters().get("type").asText())
                .isEqualTo("object"));
        assertThat(all.stream().filter(t -> !t.descriptor().readOnly()).map(t -> t.descriptor().name()))
                .containsExactlyInAnyOrder("write_file", "http_request");
    }

    @Test
    void thePlainArithmeticCheckAcceptsWhatItsRegularExpressionDid() {
        java.util.regex.Pattern plain = java.util.regex.Pattern.compile("[0-9.,+\\-*/%() \\t]*");
        for (char c = 0; c < 0x3000; c++) {
            String one = "1" + c + "2";
            assertThat(SimpleTools.plainArithmetic(one)).as("char %d", (int) c).isEqualTo(plain.matcher(one).matches());
        }
        for (String t : List.of("", "(1250000 * 0.035) / 12", "SQRT(2)", "1e5", "2^3", "1,5 % 2\t- 3", "1\n+1")) {
            assertThat(SimpleTools.plainArithmetic(t)).as(t).isEqualTo(plain.matcher(t).matches());
        }
    }
}
