package dev.baton.ui.panels;

import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.run.BreakpointHit;
import dev.baton.ui.run.PlaybackControls;
import dev.baton.ui.run.RunViewModel;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The Run tab's status says when a run is held (paused, at a breakpoint, waiting for a person) and when it is a replay. */
class RunPanelStatusTest {

    private static final class Controls implements PlaybackControls {
        final SimpleBooleanProperty paused = new SimpleBooleanProperty();

        @Override
        public void pause() {
            paused.set(true);
        }

        @Override
        public void resume() {
            paused.set(false);
        }

        @Override
        public boolean step() {
            return false;
        }

        @Override
        public ReadOnlyBooleanProperty pausedProperty() {
            return paused;
        }

        @Override
        public DoubleProperty speedProperty() {
            return new SimpleDoubleProperty(1);
        }
    }

    @Test
    void aHeldRunSaysWhyAndAReplaySaysItIsOne() throws Exception {
        RunViewModel vm = new RunViewModel(FlowFiles.load(Path.of("sample-flows", "chain-blog-article.json")).flow());
        Controls p = new Controls();
        assertThat(RunPanel.describe(vm, p, false)).startsWith("starting");
        p.pause();
        assertThat(RunPanel.describe(vm, p, false)).startsWith("paused");
        assertThat(RunPanel.describe(vm, p, true)).startsWith("replay · paused");
        p.resume();
        vm.breakpointProperty().set(new BreakpointHit(BreakpointHit.Kind.NODE, "writer", "", "", 1, "draft",
                new CompletableFuture<>()));
        assertThat(RunPanel.describe(vm, p, false)).startsWith("paused at a breakpoint on writer");
        vm.breakpointProperty().set(null);
        assertThat(RunPanel.describe(vm, p, true)).startsWith("replay · starting");
    }
}
