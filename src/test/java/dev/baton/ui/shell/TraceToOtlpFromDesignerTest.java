package dev.baton.ui.shell;

import dev.baton.ui.settings.DesignerSettings;
import dev.baton.engine.RunStatus;
import dev.baton.flow.io.FlowFiles;
import dev.baton.trace.OtlpReceiver;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.RunController;
import io.opentelemetry.proto.trace.v1.Span;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run ▸ Trace to OTLP… from the designer window: the URL is checked as it is typed and kept in the designer's
 * settings, and a run started from the designer then sends its spans to a loopback OTLP/HTTP receiver, the Run tab's
 * console saying how many arrived.
 */
@ExtendWith(ApplicationExtension.class)
class TraceToOtlpFromDesignerTest {

    private static final Path CHAIN = Path.of("sample-flows", "chain-blog-article.json");

    @TempDir
    Path dir;
    private DesignerWindow window;
    private DesignerSettings settings;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, new FakeDialogs());
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("Heat pumps in cold climates"));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    private void openDialog(FxRobot robot) {
        settings = new DesignerSettings(dir.resolve("settings.json"));
        robot.interact(() -> {
            window.runs().setSettings(settings);
            MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
            MenuItem item = bar.getMenus().stream().map(Menu::getItems).flatMap(List::stream)
                    .filter(i -> "menu-trace-otlp".equals(i.getId())).findFirst().orElseThrow();
            assertThat(item.getParentMenu().getText()).isEqualTo("Run");
            item.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void type(FxRobot robot, String url) {
        robot.interact(() -> robot.lookup("#otlp-url").queryAs(TextField.class).setText(url));
    }

    private String where(FxRobot robot) {
        return FxPoints.onFx(() -> robot.lookup("#otlp-where").queryAs(Label.class).getText());
    }

    private boolean saveDisabled(FxRobot robot) {
        return FxPoints.onFx(() -> robot.lookup("#otlp-save").queryAs(Button.class).isDisabled());
    }

    @Test
    void aDesignerRunSendsItsSpansToTheUrlSetInTheDialog(FxRobot robot) throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            openDialog(robot);
            assertThat(where(robot)).isEqualTo("Tracing is off.");
            type(robot, receiver.url());
            assertThat(where(robot)).isEqualTo("Spans go to " + receiver.url() + "/v1/traces");
            FxPoints.click(robot, "#otlp-save");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(settings.otlpEndpoint()).contains(receiver.url());
            assertThat(Files.readString(settings.file())).contains("\"otlpEndpoint\"");

            var flow = FlowFiles.load(CHAIN).flow();
            robot.interact(() -> {
                window.document().replace(flow, CHAIN);
                window.showCanvas();
            });
            boolean[] started = new boolean[1];
            robot.interact(() -> started[0] = window.runs().run());
            assertThat(started[0]).isTrue();
            RunController c = window.runPanel().controller();
            assertThat(c.finished().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
            var marker = new java.util.concurrent.CompletableFuture<Void>();
            c.bridge().post(() -> marker.complete(null));
            marker.get(30, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();

            List<Span> spans = receiver.spans();
            String traceId = c.handle().runId().substring("run-".length()).replace("-", "");
            assertThat(spans).isNotEmpty().allSatisfy(s -> assertThat(java.util.HexFormat.of()
                    .formatHex(s.getTraceId().toByteArray())).isEqualTo(traceId));
            assertThat(spans.stream().filter(s -> s.getParentSpanId().isEmpty())).singleElement()
                    .satisfies(root -> assertThat(root.getName()).isEqualTo("run " + flow.name()));
            List<String> console = FxPoints.onFx(() -> List.copyOf(window.runPanel().console().getItems()));
            assertThat(console.get(console.size() - 1)).isEqualTo("note: otlp: sent " + spans.size()
                    + " spans to " + receiver.url() + "/v1/traces");
        }
    }

    /** Only a hand-edited settings file holds such a URL: the run goes on untraced and the console says why. */
    @Test
    void aHandEditedUrlThatIsNotOneRunsUntracedAndTheConsoleSaysWhy(FxRobot robot) throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"otlpEndpoint\": \"localhost:4318\"}");
        var flow = FlowFiles.load(CHAIN).flow();
        boolean[] started = new boolean[1];
        robot.interact(() -> {
            window.runs().setSettings(new DesignerSettings(file));
            window.document().replace(flow, CHAIN);
            window.showCanvas();
            started[0] = window.runs().run();
        });
        assertThat(started[0]).isTrue();
        RunController c = window.runPanel().controller();
        assertThat(c.finished().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        var marker = new java.util.concurrent.CompletableFuture<Void>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> console = FxPoints.onFx(() -> List.copyOf(window.runPanel().console().getItems()));
        assertThat(console).contains("note: otlp: no spans sent: not an http(s) URL: localhost:4318 "
                + "(e.g. http://localhost:4318/v1/traces) (Run ▸ Trace to OTLP…)");
        assertThat(console).anyMatch(l -> l.startsWith("Run succeeded")).noneMatch(l -> l.contains("otlp: sent"));
    }

    @Test
    void aUrlThatWillNotDoCannotBeSavedAndTheSettingStaysAsItWas(FxRobot robot) throws Exception {
        openDialog(robot);
        type(robot, "http://localhost:4318");
        FxPoints.click(robot, "#otlp-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settings.otlpEndpoint()).contains("http://localhost:4318");

        openDialog(robot);
        assertThat(FxPoints.onFx(() -> robot.lookup("#otlp-url").queryAs(TextField.class).getText()))
                .isEqualTo("http://localhost:4318");
        type(robot, "localhost:4318");
        assertThat(saveDisabled(robot)).isTrue();
        assertThat(where(robot)).startsWith("Not usable: not an http(s) URL: localhost:4318");
        type(robot, "https://otel.example.com/v1/traces?key=sk-proj-abcdefghijklmnop0123456789");
        assertThat(saveDisabled(robot)).isTrue();
        assertThat(where(robot)).contains("holds a key or password");
        type(robot, "https://me:hunter2@otel.example.com/v1/traces");
        assertThat(saveDisabled(robot)).isTrue();
        assertThat(settings.otlpEndpoint()).contains("http://localhost:4318");

        // empty turns tracing off
        type(robot, "");
        assertThat(saveDisabled(robot)).isFalse();
        assertThat(where(robot)).isEqualTo("Tracing is off.");
        FxPoints.click(robot, "#otlp-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settings.otlpEndpoint()).isEmpty();
    }
}
