package dev.baton.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in sample-flows/ runs offline through {@code baton run} on the simulated model.
 */
class RunSampleFlowsTest {

    @TestFactory
    Stream<DynamicTest> everySampleRunsOnTheSimulatedModel() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of("sample-flows"))) {
            // a sample with MCP servers starts them through npx and writes next to itself: McpSampleTest runs it on a
            // copy, against the server .ci/install-mcp-servers installed
            samples = files.filter(p -> p.toString().endsWith(".json")).filter(p -> !declaresMcpServers(p)).sorted()
                    .toList();
        }
        assertThat(samples).isNotEmpty();
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new RunCommand());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(sample.toString(), "--input", "A short test input about renewable energy",
                    "--no-input");

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("[simulated]");
        }));
    }

    private static boolean declaresMcpServers(Path file) {
        try {
            return Files.readString(file).contains("\"mcpServers\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
