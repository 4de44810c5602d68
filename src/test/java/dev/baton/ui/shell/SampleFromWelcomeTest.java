package dev.baton.ui.shell;

import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.run.ToolCallRecord;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample opened from the welcome page is untitled, yet its relative paths work: the support swarm's billing agent
 * reads the invoices beside the bundled sample (before, the workspace could not be resolved and the tool was not
 * offered), and the copy of the bundled files in Baton's home never overwrites a file already there.
 */
@ExtendWith(ApplicationExtension.class)
class SampleFromWelcomeTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;
    private Path home;
    private String homeBefore;

    @BeforeEach
    void home() throws Exception {
        home = Files.createTempDirectory("baton-home");
        homeBefore = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
    }

    @AfterEach
    void homeBack() {
        if (homeBefore == null) {
            System.clearProperty("baton.home");
        } else {
            System.setProperty("baton.home", homeBefore);
        }
    }

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, dialogs);
        window.runs().setInputAsker((name, prompt, recent) ->
                Optional.of("I was charged twice for my subscription invoice this month"));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    @Test
    void theSupportSwarmOpenedFromTheWelcomePageReadsItsInvoices(FxRobot robot) throws Exception {
        FxPoints.click(robot, "#sample-swarm-customer-support");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().fileProperty().get()).as("the sample opens untitled").isNull();
        assertThat(window.document().flow().tools().workspace()).isEqualTo("data/support");

        boolean[] started = new boolean[1];
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).as("the run started; errors shown: " + dialogs.errors).isTrue();
        RunController c = window.runPanel().controller();
        c.finished().get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> applied = new CompletableFuture<>();
        c.bridge().post(() -> applied.complete(null));
        applied.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        List<ToolCallRecord> calls = List.copyOf(c.viewModel().toolCalls());
        assertThat(calls).as("the billing agent read the invoices")
                .anySatisfy(call -> {
                    assertThat(call.tool()).isEqualTo("read_file");
                    assertThat(call.status()).isEqualTo(ToolCallRecord.Status.OK);
                    assertThat(call.content()).contains("INV-");
                });
        assertThat(window.runPanel().console().getItems())
                .noneMatch(line -> line.contains("is not available in this run"));
        try (Stream<Path> files = Files.walk(home.resolve("samples"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("invoices.csv",
                    "swarm-customer-support.json");
        }
        assertThat(window.document().fileProperty().get()).as("still untitled after the run").isNull();
    }

    @Test
    void theCopyNeverOverwritesAFileAlreadyThereAndANewFlowForgetsTheSamplesFolder(FxRobot robot) throws Exception {
        Path sample = BundledSamples.copyOut(home, "swarm-customer-support.json");
        Path invoices = sample.resolveSibling("data").resolve("support").resolve("invoices.csv");
        assertThat(invoices).isRegularFile();
        Files.writeString(invoices, "my own edit");
        Path again = BundledSamples.copyOut(home, "swarm-customer-support.json");
        assertThat(again).isEqualTo(sample);
        assertThat(Files.readString(invoices)).isEqualTo("my own edit");
        try (Stream<Path> left = Files.list(sample.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        FxPoints.click(robot, "#sample-swarm-customer-support");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().fileForRelativePaths()).isEqualTo(sample);
        robot.interact(() -> window.document().replace(dev.baton.flow.Flow.empty("x", "X"), null));
        assertThat(window.document().fileForRelativePaths()).isNull();
    }
}
