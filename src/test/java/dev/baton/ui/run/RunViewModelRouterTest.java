package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.simulated.SimulatedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A router's decision on the view-model: the route taken lit, the others dimmed, an arrow on the timeline. */
class RunViewModelRouterTest {

    private final FakeFxThread fx = new FakeFxThread();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theRouteTakenIsMarkedAndTheOthersAreNot() throws Exception {
        LiveRuns.Done d = LiveRuns.run("router-support-intake.json", SimulatedModel.Settings.DEFAULT, fx, null);
        assertThat(d.result().status()).as(d.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        RunViewModel vm = d.vm();
        assertThat(d.recorder().of(RunEvent.RouteDecision.class)).hasSize(1);

        assertThat(fx.call(() -> vm.edge("route-technical").routedProperty().get())).isTrue();
        for (String other : new String[] {"route-billing", "route-human", "route-front-desk"}) {
            assertThat(fx.call(() -> vm.edge(other).routedProperty().get())).as(other).isFalse();
        }
        // a NEXT edge is no route: it stays undecided
        assertThat(fx.call(() -> vm.edge("start-to-intake").routedProperty().get())).isNull();
        assertThat(fx.call(() -> vm.timeline().arrows().stream()
                .filter(a -> a.kind() == EdgeSignal.Kind.CHOSEN).toList()))
                .singleElement().satisfies(a -> {
                    assertThat(a.fromLane()).isEqualTo("intake");
                    assertThat(a.toLane()).isEqualTo("technical-support");
                    assertThat(a.context()).isNotBlank();
                });
        assertThat(fx.call(() -> vm.node("support-lead").state())).isNotEqualTo(NodeRunState.DONE);
    }
}
