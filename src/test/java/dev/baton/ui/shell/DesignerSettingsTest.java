package dev.baton.ui.shell;

import dev.baton.ui.settings.DesignerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The designer's settings file: other keys survive a change, and a damaged file is set aside, not overwritten. */
class DesignerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void settingTheTraceUrlKeepsTheOtherSettingsAndEmptyTurnsItOff() throws Exception {
        Path file = dir.resolve("home").resolve("settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"theme\": \"dark\"}");
        DesignerSettings settings = new DesignerSettings(file);
        assertThat(settings.otlpEndpoint()).isEmpty();
        settings.setOtlpEndpoint("  http://localhost:4318  ");
        assertThat(new DesignerSettings(file).otlpEndpoint()).contains("http://localhost:4318");
        assertThat(Files.readString(file)).contains("\"theme\" : \"dark\"");
        settings.setOtlpEndpoint("");
        assertThat(settings.otlpEndpoint()).isEmpty();
        assertThat(Files.readString(file)).contains("\"theme\" : \"dark\"").doesNotContain("otlpEndpoint");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void aDamagedFileReadsAsNoSettingsAndIsSetAsideAtTheNextWrite() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"dark\", oops");
        DesignerSettings settings = new DesignerSettings(file);
        assertThat(settings.otlpEndpoint()).isEmpty();
        settings.setOtlpEndpoint("http://collector:4318/v1/traces");
        assertThat(settings.otlpEndpoint()).contains("http://collector:4318/v1/traces");
        assertThat(Files.readString(dir.resolve("settings.json.damaged"))).isEqualTo("{\"theme\": \"dark\", oops");
    }
}
