package dev.baton.ui.canvas;

import dev.baton.ui.canvas.geometry.NodeGeometry;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where run decorations go: badges and callouts keep off edge labels (plain arithmetic, no scene). */
class RunDecorationsPlacementTest {

    private static final Bounds CARD = new BoundingBox(480, 200, NodeGeometry.WIDTH, NodeGeometry.HEIGHT);

    @Test
    void theBadgeStaysUnderTheCardUnlessALabelIsThereAndAboveIsFreer() {
        Bounds labelUnder = new BoundingBox(414, 280, 85, 14);
        Bounds labelOver = new BoundingBox(423, 160, 75, 14);
        Bounds labelRightOver = new BoundingBox(600, 185, 80, 14);
        assertThat(StatusBadges.badgeAbove(CARD, NodeGeometry.WIDTH, List.of())).isFalse();
        assertThat(StatusBadges.badgeAbove(CARD, NodeGeometry.WIDTH, List.of(labelOver))).isFalse();
        assertThat(StatusBadges.badgeAbove(CARD, NodeGeometry.WIDTH, List.of(labelUnder, labelOver))).isTrue();
        // both sides taken: the one covered least (here the small overlap under the card)
        assertThat(StatusBadges.badgeAbove(CARD, NodeGeometry.WIDTH, List.of(labelUnder, labelRightOver)))
                .isFalse();
        // a short badge ("done") leaves room beside it: a label under the card's right end does not push it up
        Bounds labelUnderRightEnd = new BoundingBox(CARD.getMaxX() - 30, 280, 60, 14);
        assertThat(StatusBadges.badgeAbove(CARD, NodeGeometry.WIDTH, List.of(labelUnderRightEnd))).isTrue();
        assertThat(StatusBadges.badgeAbove(CARD, 40, List.of(labelUnderRightEnd))).isFalse();
    }

    @Test
    void freeSpotTakesTheFirstCandidateCoveringNothingElseTheLeastCovered() {
        Bounds a = new BoundingBox(0, 0, 10, 10);
        Bounds b = new BoundingBox(20, 0, 10, 10);
        Bounds c = new BoundingBox(40, 0, 10, 10);
        assertThat(FreeSpot.choose(List.of(a, b, c), List.of(new BoundingBox(0, 0, 30, 10)))).isEqualTo(2);
        assertThat(FreeSpot.choose(List.of(a, b), List.of(new BoundingBox(5, 0, 30, 10)))).isEqualTo(0);
        assertThat(FreeSpot.covered(a, List.of(new BoundingBox(10, 0, 5, 5)))).isZero();
    }

    @Test
    void aCalloutSlidesSidewaysPastALabelUnderTheJudge() {
        Bounds badgeAbove = StatusBadges.badgeBand(CARD, NodeGeometry.WIDTH, true);
        List<Bounds> candidates = JudgeCallouts.candidates(CARD, badgeAbove, 200, 30);
        Bounds chosen = candidates.get(FreeSpot.choose(candidates,
                List.of(new BoundingBox(414, 280, 85, 14), CARD, badgeAbove)));
        assertThat(chosen.getMinY()).as("under the card: the badge went above").isGreaterThan(CARD.getMaxY());
        assertThat(chosen.getMinX()).as("slid right of the label").isGreaterThan(499);
    }
}
