package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.EdgeSkin;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No edge label lies over a card or its ports (the router sample's "front desk" route label lay on a card). */
@ExtendWith(ApplicationExtension.class)
class EdgeLabelClearTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    @ParameterizedTest
    @ValueSource(strings = {"supervisor-market-entry-japan.json", "chain-blog-article.json",
            "swarm-customer-support.json", "parallel-contract-review.json", "router-support-intake.json"})
    void everyLabelOfASampleIsClearOfTheCards(String sample, FxRobot robot) {
        Flow flow = UiFlows.sample(sample);
        robot.interact(() -> {
            window.document().replace(flow, null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> covered = FxPoints.onFx(() -> {
            List<String> hits = new ArrayList<>();
            for (Edge e : flow.edges()) {
                EdgeSkin view = window.canvas().edgeViewOf(e.id()).orElseThrow();
                view.labelBounds().ifPresent(label -> {
                    for (AgentNode n : flow.nodes()) {
                        // the card and its side ports, which stand out of its border
                        Bounds card = new javafx.geometry.BoundingBox(n.position().x() - 7, n.position().y(),
                                NodeGeometry.WIDTH + 14, NodeGeometry.HEIGHT);
                        if (card.intersects(label)) {
                            hits.add(e.id() + " over " + n.id());
                        }
                    }
                });
            }
            return hits;
        });
        assertThat(covered).isEmpty();
    }
}
