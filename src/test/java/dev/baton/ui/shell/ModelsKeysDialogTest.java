package dev.baton.ui.shell;

import com.sun.net.httpserver.HttpServer;
import dev.baton.ui.panels.ModelsKeysDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Run ▸ Models & Keys…: key status masked, a key saved owner-only, Test connection against a loopback server. */
@ExtendWith(ApplicationExtension.class)
class ModelsKeysDialogTest {

    private static final String ENV_KEY = "sk-ant-api03-verysecretkeyWXYZ";
    @TempDir
    Path home;
    private Stage owner;
    private HttpServer server;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private ModelsKeysDialog open(FxRobot robot) {
        ModelsKeysDialog dialog = FxPoints.onFx(() -> new ModelsKeysDialog(owner, home,
                Map.of("ANTHROPIC_API_KEY", ENV_KEY)::get));
        robot.interact(dialog::show);
        return dialog;
    }

    private String text(FxRobot robot, String id) {
        return FxPoints.onFx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
    }

    @Test
    void keysAreShownMaskedAndANewKeyIsSavedOwnerOnly(FxRobot robot) throws Exception {
        open(robot);
        assertThat(text(robot, "key-status-anthropic")).contains("ANTHROPIC_API_KEY", "environment", "…WXYZ")
                .doesNotContain(ENV_KEY);
        assertThat(text(robot, "key-status-openai")).startsWith("not set").contains("OPENAI_API_KEY");
        assertThat(text(robot, "key-status-ollama")).contains("no key needed");

        String key = "sk-proj-brandnewkey-0000abcd";
        robot.interact(() -> robot.lookup("#key-field-openai").queryAs(TextField.class).setText(key));
        FxPoints.click(robot, "#key-save-openai");
        WaitForAsyncUtils.waitForFxEvents();

        Path file = home.resolve("credentials");
        assertThat(Files.readAllLines(file)).containsExactly("OPENAI_API_KEY=" + key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(text(robot, "key-status-openai")).startsWith("set").contains("…abcd").doesNotContain(key);
        assertThat(FxPoints.onFx(() -> robot.lookup("#key-field-openai").queryAs(TextField.class).getText()))
                .isEmpty();
    }

    @Test
    void testConnectionSaysConnectedOrGivesTheProvidersMessage(FxRobot robot) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                byte[] body = "{\"error\":{\"message\":\"The model `nope` does not exist\",\"type\":\"invalid_request_error\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
            } else {
                String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"%s\"},"
                        + "\"finish_reason\":%s}]}";
                String sse = "data: " + chunk.formatted("OK", "null") + "\n\n" + "data: "
                        + chunk.formatted("", "\"stop\"") + "\n\n" + "data: [DONE]\n\n";
                byte[] body = sse.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        open(robot);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        robot.interact(() -> {
            robot.lookup("#test-url-openai-compatible").queryAs(TextField.class).setText(base);
            robot.lookup("#test-model-openai-compatible").queryAs(ComboBox.class).getEditor().setText("nope");
        });

        FxPoints.click(robot, "#key-test-openai-compatible");
        String failed = waitForResult(robot);
        assertThat(failed).startsWith("✗").contains("does not exist");

        robot.interact(() -> robot.lookup("#test-model-openai-compatible").queryAs(ComboBox.class).getEditor()
                .setText("local-model"));
        FxPoints.click(robot, "#key-test-openai-compatible");
        assertThat(waitForResult(robot)).startsWith("✓").contains("connected", "OK");
        assertThat(calls.get()).isEqualTo(2);
    }

    private String waitForResult(FxRobot robot) {
        long deadline = System.currentTimeMillis() + 30_000;
        String t = "";
        while (System.currentTimeMillis() < deadline) {
            t = text(robot, "test-result-openai-compatible");
            if (t.startsWith("✓") || t.startsWith("✗")) {
                return t;
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        return t;
    }

    /**
     * On a 1280-wide screen each provider's test model reads whole: the dialog was 1180 wide, less than its columns
     * want, and the grid cut "claude-3-5-haiku" and "gemini-2.0-flash" in their boxes.
     */
    @Test
    void theTestModelsReadWholeOnA1280Screen(FxRobot robot) {
        assertThat(FxPoints.onFx(() -> javafx.stage.Screen.getPrimary().getVisualBounds().getWidth()))
                .isLessThanOrEqualTo(1280);
        ModelsKeysDialog dialog = open(robot);
        WaitForAsyncUtils.waitForFxEvents();
        for (String provider : java.util.List.of("openai", "anthropic", "gemini")) {
            @SuppressWarnings("unchecked")
            ComboBox<String> box = FxPoints.onFx(() -> robot.lookup("#test-model-" + provider).queryAs(ComboBox.class));
            double[] room = FxPoints.onFx(() -> {
                TextField editor = box.getEditor();
                javafx.scene.text.Text probe = new javafx.scene.text.Text(editor.getText());
                probe.setFont(editor.getFont());
                return new double[] {probe.getLayoutBounds().getWidth(),
                        editor.getWidth() - editor.snappedLeftInset() - editor.snappedRightInset()};
            });
            assertThat(room[0]).as(provider + "'s model " + box.getEditor().getText() + " needs").isLessThanOrEqualTo(room[1]);
        }
        // the cause, whatever the fonts: no field or list of the grid is squeezed below the width it asks for
        java.util.List<String> squeezed = FxPoints.onFx(() -> robot.lookup("#models-keys").queryAs(
                javafx.scene.layout.GridPane.class).getChildren().stream()
                .filter(n -> n instanceof javafx.scene.control.TextField || n instanceof ComboBox)
                .map(n -> (javafx.scene.control.Control) n)
                .filter(c -> c.getWidth() < c.prefWidth(-1) - 0.5)
                .map(c -> c.getId() + " " + c.getWidth() + " < " + c.prefWidth(-1)).toList());
        assertThat(squeezed).as("squeezed fields").isEmpty();
        assertThat(FxPoints.onFx(() -> dialog.stage().getWidth())).isLessThanOrEqualTo(1280);
    }
}
