package dev.baton.ui.shell;

import dev.baton.flow.Flow;
import dev.baton.flow.ToolSettings;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.RunController;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run ▸ Run of a flow file whose {@code tools.workspace} is relative: the file tools work in that folder next to the
 * file, as {@code baton run FILE} does (the designer used to run without the flow file, so a relative workspace was
 * dropped and read_file was not offered).
 */
@ExtendWith(ApplicationExtension.class)
class DesignerWorkspaceTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, dialogs);
        window.runs().setInputAsker((name, prompt, recent) ->
                Optional.of("Check invoices.csv and compute 1250 * 12 + 300"));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    @Test
    void aRelativeWorkspaceIsTheFolderNextToTheFlowFile(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/invoices.csv"), "invoice,amount\nINV-7,1250\n");
        Flow flow = dev.baton.ui.run.ToolCallsShownFlows.analyst().withTools(new ToolSettings("data", List.of(),
                List.of(), null, Map.of()));
        Path file = dir.resolve("analyst.json");
        FlowFiles.save(file, flow);
        Flow loaded = FlowFiles.load(file).flow();
        robot.interact(() -> {
            window.document().replace(loaded, file);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        boolean[] started = new boolean[1];
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).as("started; errors: " + dialogs.errors).isTrue();
        RunController c = window.runPanel().controller();
        c.finished().get(60, TimeUnit.SECONDS);
        var marker = new java.util.concurrent.CompletableFuture<Void>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> console = List.copyOf(c.viewModel().console());
        assertThat(console).noneMatch(l -> l.contains("is not available in this run"));
        assertThat(console).anyMatch(l -> l.contains("INV-7,1250"));
    }
}
