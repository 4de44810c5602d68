package dev.baton.flow.io;

import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sample flow loads, validates without a single problem, and ships inside the jar unchanged. */
class SampleFlowsValidTest {

    static List<Path> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("sample-flows"), "*.json")) {
            dir.forEach(files::add);
        }
        files.sort(null);
        assertThat(files).hasSize(6);
        return files;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void loadsAndValidatesCleanly(Path file) throws Exception {
        LoadedFlow loaded = FlowFiles.load(file);
        List<Problem> problems = FlowValidator.validate(loaded.flow());
        assertThat(problems).as("problems of %s", file).isEmpty();
        assertThat(loaded.flow().defaultModel().isSimulated()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void isBundledAsAResource(Path file) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/dev/baton/samples/" + file.getFileName())) {
            assertThat(in).as("bundled copy of %s", file).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(file));
        }
    }
}
