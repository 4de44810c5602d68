package dev.baton.ui.shell;

import dev.baton.cli.RunCommand;
import dev.baton.engine.SampleFlows;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import dev.baton.ui.fx.Styles;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A flow whose model has no key: the designer's dialog and {@code baton run} say it in the same lines (issue 13). */
@ExtendWith(ApplicationExtension.class)
class MissingCredentialsBothFrontsTest {

    @TempDir
    static Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    /** Real providers with an empty environment and an empty Baton home: no key from the machine leaks in. */
    private static ChatModelFactory keyless() {
        return new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")), Duration.ofSeconds(5));
    }

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, dialogs);
        window.runs().setRunService(new RunService(Redactor.shapesOnly(), MissingCredentialsBothFrontsTest::keyless));
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("x"));
        stage.show();
    }

    @Test
    void theDesignerDialogShowsTheLinesTheCommandLinePrints(FxRobot robot) {
        // writer and editor on anthropic, the rest on openai: two models, several nodes each
        Flow base = SampleFlows.blogChain().withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null));
        Flow flow = base.withNodes(base.nodes().stream().map(n -> n.id().equals("writer") || n.id().equals("editor")
                ? n.withModel(new ModelRef("anthropic", "claude-sonnet-4-5", null, null)) : n).toList());

        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(f -> flow, new BufferedReader(new StringReader("")),
                keyless(), Redactor.shapesOnly()));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("f.json", "--input", "x", "--no-audit");
        List<String> cliLines = err.toString().lines().map(l -> l.replaceFirst("^error: ", "")).toList();

        boolean[] started = new boolean[1];
        robot.interact(() -> {
            window.document().replace(flow, dir.resolve("f.json"));
            started[0] = window.runs().run();
        });

        assertThat(code).isEqualTo(RunCommand.INVALID);
        assertThat(started[0]).isFalse();
        assertThat(cliLines).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(l -> assertThat(l).startsWith("openai/gpt-4o-mini (node 'researcher'): "))
                .anySatisfy(l -> assertThat(l).startsWith("anthropic/claude-sonnet-4-5 (node 'writer'): ")
                        .contains("ANTHROPIC_API_KEY"));
        assertThat(dialogs.errors).singleElement().asString().startsWith("Missing credentials: ");
        List<String> dialogLines = dialogs.errors.get(0).substring("Missing credentials: ".length()).lines().toList();
        assertThat(dialogLines).isEqualTo(cliLines);
    }
}
