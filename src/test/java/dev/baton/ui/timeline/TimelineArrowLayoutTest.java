package dev.baton.ui.timeline;

import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.TimelineArrow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Arrows that would be drawn on one another (workers returning at one moment) are set side by side. */
class TimelineArrowLayoutTest {

    private static final Map<String, Integer> LANES = Map.of("lead", 0, "a", 1, "b", 2, "c", 3, "d", 4);

    private static TimelineScale scale() {
        TimelineScale s = new TimelineScale();
        s.width = 800;
        s.height = 200;
        s.lanes = LANES.size();
        s.pxPerMs = 1;
        return s;
    }

    private static TimelineArrow ret(String from, long atMs) {
        return new TimelineArrow(from, "lead", atMs, EdgeSignal.Kind.RETURN, "");
    }

    @Test
    void threeReturnsAtOneMomentStandApartAndALaterOneStaysWhereItsTimeIs() {
        TimelineScale s = scale();
        List<TimelineArrow> arrows = List.of(ret("a", 100), ret("b", 100), ret("c", 100), ret("d", 300));
        double[][] placed = TimelinePainter.layout(s, LANES, arrows);
        assertThat(placed[0][0]).isEqualTo(s.xOf(100));
        assertThat(placed[1][0]).isEqualTo(s.xOf(100) + TimelinePainter.ARROW_NUDGE);
        assertThat(placed[2][0]).isEqualTo(s.xOf(100) + 2 * TimelinePainter.ARROW_NUDGE);
        assertThat(placed[3][0]).isEqualTo(s.xOf(300));
        for (double[] p : placed) {
            assertThat(p[2]).as("arrows stay vertical").isEqualTo(p[0]);
        }
        // the ends stay at their lanes
        assertThat(placed[1]).containsExactly(TimelinePainter.geometry(s, LANES, arrows.get(1))[0]
                        + TimelinePainter.ARROW_NUDGE, s.laneCentre(2), TimelinePainter.geometry(s, LANES,
                        arrows.get(1))[0] + TimelinePainter.ARROW_NUDGE, s.laneCentre(0) + s.barHalf());
    }

    @Test
    void arrowsAtOneMomentThatDoNotOverlapKeepTheirPlaceAndAFreedSlotIsReused() {
        TimelineScale s = scale();
        List<TimelineArrow> arrows = List.of(
                new TimelineArrow("lead", "a", 50, EdgeSignal.Kind.HANDOFF, ""),   // lanes 0-1
                new TimelineArrow("c", "d", 50, EdgeSignal.Kind.HANDOFF, ""),      // lanes 3-4: apart from the first
                new TimelineArrow("b", "d", 50, EdgeSignal.Kind.HANDOFF, ""));     // 2-4: overlaps only the second
        double[][] placed = TimelinePainter.layout(s, LANES, arrows);
        assertThat(placed[0][0]).isEqualTo(s.xOf(50));
        assertThat(placed[1][0]).isEqualTo(s.xOf(50));
        assertThat(placed[2][0]).isEqualTo(s.xOf(50) + TimelinePainter.ARROW_NUDGE);
    }

    @Test
    void anArrowToItsOwnLaneOrAnUnknownLaneIsNotDrawn() {
        double[][] placed = TimelinePainter.layout(scale(), LANES, List.of(ret("lead", 10), ret("nobody", 10),
                ret("a", 10)));
        assertThat(placed[0]).isNull();
        assertThat(placed[1]).isNull();
        assertThat(placed[2][0]).isEqualTo(scale().xOf(10));
    }

    @Test
    void zoomedFarOutManyArrowsInOnePixelMoveNoFurtherThanTheLastPlace() {
        TimelineScale s = scale();
        s.pxPerMs = 0.001; // 10 s of run in 10 px
        List<TimelineArrow> arrows = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            arrows.add(ret(i % 2 == 0 ? "a" : "b", i * 50L));
        }
        double[][] placed = TimelinePainter.layout(s, LANES, arrows);
        for (int i = 0; i < placed.length; i++) {
            assertThat(placed[i][0] - s.xOf(i * 50L)).as("arrow %d", i).isBetween(-1e-9,
                    (TimelinePainter.ARROW_SLOTS - 1) * TimelinePainter.ARROW_NUDGE + 1e-9);
        }
        assertThat(placed[TimelinePainter.ARROW_SLOTS + 2][0] - s.xOf((TimelinePainter.ARROW_SLOTS + 2) * 50L))
                .isCloseTo((TimelinePainter.ARROW_SLOTS - 1) * TimelinePainter.ARROW_NUDGE, within(1e-9));
    }
}
