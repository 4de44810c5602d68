package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.AuditCommandTest.Result;
import dev.baton.testing.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.baton.cli.AuditCommandTest.baton;
import static dev.baton.testing.ScriptedOpenAiServer.systemContains;
import static dev.baton.testing.ScriptedReply.text;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton run} against a scripted OpenAI-compatible server, then {@code baton audit show|export} of that run. */
class RealModelAuditTest {

    /** Shorter than the 256 characters from which a run's output is stored as a separate text. */
    private static final String SHORT_ANSWER = "Tides rise twice a day because the moon pulls the sea.";

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void showAndExportPrintTheShortAnswerOfARealRun() throws Exception {
        server.when(systemContains("Explainer of the sea")).always(text(SHORT_ANSWER));
        Path db = dir.resolve("audit");

        Result run = baton("run", OneAgentFlow.write(dir, server.baseUrl(), null).toString(), "--input", "Why are there tides?",
                "--no-input", "--audit", db.toString());

        assertThat(run.code()).as(run.err()).isZero();
        String output = run.out().strip();
        assertThat(output).endsWith(SHORT_ANSWER).hasSizeLessThan(256);
        Matcher id = Pattern.compile("recorded as (\\S+)").matcher(run.err());
        assertThat(id.find()).as(run.err()).isTrue();
        String runId = id.group(1);

        Result show = baton("audit", "show", runId, "--db", db.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains(SHORT_ANSWER);
        assertThat(show.out().lines().filter(l -> l.startsWith("Output")).findFirst().orElseThrow())
                .contains(output.lines().findFirst().orElseThrow());

        Path json = dir.resolve("run.json");
        Result export = baton("audit", "export", runId, "--format", "json", "--output", json.toString(),
                "--db", db.toString());
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode exported = new ObjectMapper().readTree(json.toFile());
        assertThat(exported.at("/run/output").asText()).isEqualTo(output);
        assertThat(exported.at("/run/status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void showEscapesControlCharactersAModelAnswered() throws Exception {
        // an answer that would clear the screen, ring the bell and forge a line on a terminal if printed raw
        String hostile = "\u001b[2J\u001b[31mRed alert\u0007 done\rBaton: run verified intact\u009b6n";
        server.when(systemContains("Explainer of the sea")).always(text(hostile));
        Path db = dir.resolve("audit");
        Result run = baton("run", OneAgentFlow.write(dir, server.baseUrl(), null).toString(), "--input",
                "Why?\u001b]0;title\u0007", "--no-input", "--audit", db.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Matcher id = Pattern.compile("recorded as (\\S+)").matcher(run.err());
        assertThat(id.find()).as(run.err()).isTrue();

        Result show = baton("audit", "show", id.group(1), "--db", db.toString(), "--chunks");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("Red alert").contains("\\u001b[2J");
        assertThat(show.out().chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0).toArray())
                .as("control characters printed raw").isEmpty();
        Result list = baton("audit", "list", "--db", db.toString());
        assertThat(list.out().chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0).toArray())
                .isEmpty();
    }
}
