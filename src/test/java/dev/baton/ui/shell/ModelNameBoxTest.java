package dev.baton.ui.shell;

import com.sun.net.httpserver.HttpServer;
import dev.baton.flow.ModelRef;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's model name: an editable list of the provider's models, cleared on a provider change. */
@ExtendWith(ApplicationExtension.class)
class ModelNameBoxTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;
    private HttpServer server;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> box(FxRobot robot) {
        return FxPoints.onFx(() -> (ComboBox<String>) robot.lookup("#model-name").query());
    }

    private ModelRef writerModel() {
        return FxPoints.onFx(() -> window.document().flow().node("writer").orElseThrow().model());
    }

    private void selectWriter(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.document().select(List.of("writer")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void choosingAProviderClearsTheNameAndTypingReplacesIt(FxRobot robot) {
        selectWriter(robot);
        assertThat(box(robot).getItems()).containsExactly("sim-1");

        // pick the provider in its own combo box, as a person does
        @SuppressWarnings("unchecked")
        ComboBox<String> provider = FxPoints.onFx(() -> (ComboBox<String>) robot.lookup(".combo-box")
                .match(n -> n != box(robot) && ((ComboBox<String>) n).getItems().contains("openai")).query());
        robot.interact(() -> provider.setValue("openai"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(writerModel().label()).isEqualTo("openai/");
        assertThat(box(robot).getEditor().getText()).isEmpty();
        assertThat(box(robot).getItems()).contains("gpt-4o-mini", "gpt-4.1").doesNotContain("sim-1",
                "claude-sonnet-4-5");

        robot.clickOn(FxPoints.centre(box(robot).getEditor())).write("gpt-4o-mini").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(writerModel().label()).isEqualTo("openai/gpt-4o-mini");

        // a second visit: the whole name is selected, so typing replaces it instead of appending
        robot.clickOn(FxPoints.centre(window.canvas()));
        robot.interact(() -> window.document().select(List.of("writer")));
        robot.clickOn(FxPoints.centre(box(robot).getEditor()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("gpt-4.1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(writerModel().label()).isEqualTo("openai/gpt-4.1");
    }

    @Test
    void anOllamaServerListsItsModels(FxRobot robot) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/tags", exchange -> {
            byte[] body = "{\"models\":[{\"name\":\"llama3.2:latest\"},{\"name\":\"qwen2.5:7b\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        selectWriter(robot);
        robot.interact(() -> {
            var writer = window.document().flow().node("writer").orElseThrow();
            window.document().execute(new dev.baton.ui.document.command.EditNode(writer,
                    writer.withModel(new ModelRef("ollama", "", base, null)), "model"));
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (!box(robot).getItems().contains("llama3.2:latest") && System.currentTimeMillis() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        assertThat(box(robot).getItems()).containsExactly("llama3.2:latest", "qwen2.5:7b");

        robot.interact(() -> box(robot).setValue("qwen2.5:7b"));
        assertThat(writerModel().label()).isEqualTo("ollama/qwen2.5:7b");
    }

    /**
     * An Ollama server that does not answer leaves the list empty; the open list says so and what to do, instead of
     * showing a blank box.
     */
    @Test
    void anEmptyListSaysWhyAndWhatToType(FxRobot robot) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closedPort;
        selectWriter(robot);
        robot.interact(() -> {
            var writer = window.document().flow().node("writer").orElseThrow();
            window.document().execute(new dev.baton.ui.document.command.EditNode(writer,
                    writer.withModel(new ModelRef("ollama", "", base, null)), "model"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box(robot).getItems()).isEmpty();
        javafx.scene.Node placeholder = FxPoints.onFx(() -> box(robot).getPlaceholder());
        assertThat(placeholder).as("the empty list's placeholder").isInstanceOf(javafx.scene.control.Label.class);
        String text = FxPoints.onFx(() -> ((javafx.scene.control.Label) placeholder).getText());
        assertThat(text).contains("not reached", "type a name");
        // one line no wider than the box: the popup opens under the box, sized for rows
        double[] widths = FxPoints.onFx(() -> new double[] {placeholder.prefWidth(-1), box(robot).getWidth()});
        assertThat(widths[0]).isLessThanOrEqualTo(widths[1]);
    }
}
