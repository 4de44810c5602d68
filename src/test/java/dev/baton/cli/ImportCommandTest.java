package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton import}: writes the flow, prints the report, and the imported crew runs. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private record Out(int code, String out, String err) {
    }

    private static Out run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Out(code, out.toString(), err.toString());
    }

    @Test
    void anImportedCrewRunsOnTheSimulatedModel() throws Exception {
        Path flow = dir.resolve("board.json");
        Out imported = run(new ImportCommand(), "src/test/resources/import/crewai/board_crew", "-o", flow.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported crewai source").contains("valid; run it with");
        assertThat(imported.err()).contains("import report:").contains("Process.hierarchical");
        assertThat(flow).exists();

        Out ran = run(new RunCommand(), flow.toString(), "--provider", "simulated", "--input",
                "product: a solar-powered e-bike", "--no-input", "--no-audit");
        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("[simulated]");
    }

    @Test
    void aSourceOfNoKnownFormatGetsOneLineAndNoFile() {
        Path flow = dir.resolve("x.json");
        Out r = run(new ImportCommand(), "src/test/resources/import/autogen/not-a-team.json", "-o", flow.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(flow).doesNotExist();
    }

    @Test
    void anExistingFileIsNotOverwrittenWithoutForce() throws Exception {
        Path flow = Files.writeString(dir.resolve("keep.json"), "mine");
        Out r = run(new ImportCommand(), "src/test/resources/import/autogen/swarm-team.json", "-o", flow.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(flow)).isEqualTo("mine");
        Out forced = run(new ImportCommand(), "src/test/resources/import/autogen/swarm-team.json", "-o",
                flow.toString(), "--force", "--format", "autogen");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(flow)).contains("\"HANDOFF\"");
    }

    @Test
    void anOutputInAFolderThatDoesNotExistSaysSoInOneLine() {
        Path flow = dir.resolve("no-such-folder").resolve("x.json");
        Out r = run(new ImportCommand(), "src/test/resources/import/autogen/swarm-team.json", "-o", flow.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: cannot write " + flow + ": the folder "
                + flow.getParent().toAbsolutePath() + " does not exist");
        assertThat(flow.getParent()).doesNotExist();
    }
}
