package dev.baton.ui.shell;

import dev.baton.engine.RunEvent;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.panels.TokenMeter;
import dev.baton.ui.run.RunViewModel;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The run panel's token meter on a real scene: its fill, colour class and texts as a run spends its budget. */
@ExtendWith(ApplicationExtension.class)
class TokenMeterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private TokenMeter meter;
    private long seq;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        meter = new TokenMeter();
        Scene scene = new Scene(new StackPane(meter), 600, 60);
        Styles.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static RunViewModel runWithBudget(Long budget) {
        Limits l = Limits.DEFAULT;
        Flow flow = Flow.empty("f", "F").withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(),
                l.maxCriticRetries(), l.agentTimeout(), l.runDeadline(), budget))
                .addNode(AgentNode.of("a", NodeKind.AGENT, "A"));
        return new RunViewModel(flow);
    }

    private void spend(RunViewModel vm, int in, int out, Double cost) {
        vm.apply(new RunEvent.ModelRequested("r", ++seq, T0, "a", "", 1, List.of(), 1, List.of()));
        vm.apply(new RunEvent.ModelResponded("r", ++seq, T0.plusMillis(5), "a", "", in, out, true, 5, "openai",
                "gpt-x", false, List.of(), "", cost));
    }

    private Paint fill() {
        return ((Region) meter.lookup(".token-meter-fill")).getBackground().getFills().get(0).getFill();
    }

    private Set<PseudoClass> states() {
        return meter.getPseudoClassStates();
    }

    @Test
    void theFillGrowsWithTheTokensAndTurnsAmberAtEightyPercentAndRedOverTheBudget(FxRobot robot) {
        RunViewModel vm = runWithBudget(10_000L);
        PseudoClass warning = PseudoClass.getPseudoClass("warning");
        PseudoClass over = PseudoClass.getPseudoClass("over");
        robot.interact(() -> {
            vm.apply(new RunEvent.RunStarted("r", ++seq, T0, "", "", "f", "F", "in", false, List.of("openai/gpt-x")));
            meter.show(vm.meter());
            spend(vm, 3_000, 1_000, 0.02);
            meter.applyCss();
        });
        assertThat(meter.barShown()).isTrue();
        assertThat(meter.shownFraction()).isCloseTo(0.4, within(0.01));
        assertThat(states()).doesNotContain(warning, over);
        Paint green = fill();
        assertThat(meter.tokensText()).isEqualTo("4,000 / 10,000 tokens");
        assertThat(meter.costText()).isEqualTo("$0.0200");
        assertThat(meter.tooltipText()).contains("Input 3,000 tokens · output 1,000 tokens").contains("40 %");

        robot.interact(() -> {
            spend(vm, 3_999, 0, 0.01);
            meter.applyCss();
        });
        assertThat(states()).doesNotContain(warning);
        robot.interact(() -> {
            spend(vm, 1, 0, null);
            meter.applyCss();
        });
        assertThat(meter.shownFraction()).isCloseTo(0.8, within(0.01));
        assertThat(states()).contains(warning).doesNotContain(over);
        Paint amber = fill();
        assertThat(amber).isNotEqualTo(green);
        assertThat(meter.costText()).isEqualTo("≥ $0.0300 — 1 call without a known price");

        robot.interact(() -> {
            spend(vm, 2_001, 0, 0.0);
            meter.applyCss();
        });
        assertThat(meter.shownFraction()).isEqualTo(1.0);
        assertThat(states()).contains(over).doesNotContain(warning);
        assertThat(fill()).isNotEqualTo(amber).isNotEqualTo(green);
    }

    @Test
    void withoutABudgetOnlyTokensAndCostAreShown(FxRobot robot) {
        RunViewModel vm = runWithBudget(null);
        robot.interact(() -> {
            vm.apply(new RunEvent.RunStarted("r", ++seq, T0, "", "", "f", "F", "in", true, List.of("simulated/s")));
            meter.show(vm.meter());
            spend(vm, 900, 100, 0.0);
        });
        assertThat(meter.barShown()).isFalse();
        assertThat(meter.tokensText()).isEqualTo("1,000 tokens");
        assertThat(meter.costText()).isEqualTo("simulated — $0");
        assertThat(meter.tooltipText()).contains("No token budget");
    }
}
