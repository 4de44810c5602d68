package dev.baton.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchArgsTest {

    @Test
    void aFileAndRunInputAreRead() {
        LaunchArgs a = LaunchArgs.parse(List.of("flow.json", "--run", "Should we enter Japan?"));
        assertThat(a.file()).isEqualTo(Path.of("flow.json"));
        assertThat(a.runInput()).isEqualTo("Should we enter Japan?");
    }

    @Test
    void runMayComeFirstOrWithAnEqualsSign() {
        assertThat(LaunchArgs.parse(List.of("--run", "go", "f.json"))).isEqualTo(new LaunchArgs(Path.of("f.json"), "go"));
        assertThat(LaunchArgs.parse(List.of("f.json", "--run=go"))).isEqualTo(new LaunchArgs(Path.of("f.json"), "go"));
    }

    @Test
    void aFileAloneOpensWithoutRunning() {
        assertThat(LaunchArgs.parse(List.of("f.json"))).isEqualTo(new LaunchArgs(Path.of("f.json"), null));
        assertThat(LaunchArgs.parse(List.of())).isEqualTo(new LaunchArgs(null, null));
    }

    @Test
    void runWithoutInputOrFileIsRefused() {
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("f.json", "--run"))).hasMessageContaining("input");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--run", "go"))).hasMessageContaining("flow file");
    }
}
