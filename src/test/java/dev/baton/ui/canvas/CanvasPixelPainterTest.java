package dev.baton.ui.canvas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview's rasteriser: fills, coverage at the edges, clipping, dashes. */
class CanvasPixelPainterTest {

    private static final int WHITE = 0xffffff;
    private static final int RED = 0xff0000;

    private static PixelPainter painter(int w, int h) {
        PixelPainter p = new PixelPainter();
        p.resize(w, h);
        p.fill(WHITE);
        return p;
    }

    private static int at(PixelPainter p, int x, int y) {
        return p.pixels()[y * p.width() + x] & 0xffffff;
    }

    @Test
    void aRoundedRectangleFillsItsInsideAndCutsItsCorners() {
        PixelPainter p = painter(40, 40);
        p.fillRoundRect(5, 5, 20, 10, 4, RED, 1);
        assertThat(at(p, 15, 10)).isEqualTo(RED);
        assertThat(at(p, 5, 10)).isEqualTo(RED);
        assertThat(at(p, 5, 5)).as("corner cut").isEqualTo(WHITE);
        assertThat(at(p, 26, 10)).isEqualTo(WHITE);
        assertThat(at(p, 15, 16)).isEqualTo(WHITE);
    }

    @Test
    void aHalfCoveredPixelIsBlended() {
        PixelPainter p = painter(10, 10);
        p.fillRoundRect(2.5, 2, 4, 4, 0, RED, 1);
        int edge = at(p, 2, 3);
        assertThat(edge >> 16 & 0xff).isEqualTo(0xff);
        assertThat(edge & 0xff).isBetween(0x70, 0x90);
    }

    @Test
    void linesAreClippedToTheBufferAndDashesLeaveGaps() {
        PixelPainter p = painter(100, 20);
        p.line(-1e6, 10.5, 1e6, 10.5, 1, RED, 1, null, 0);
        for (int x = 0; x < 100; x++) {
            assertThat(at(p, x, 10)).isEqualTo(RED);
        }
        PixelPainter dashed = painter(100, 20);
        dashed.line(0, 10.5, 100, 10.5, 1, RED, 1, new double[] {5, 5}, 0);
        assertThat(at(dashed, 2, 10)).isEqualTo(RED);
        assertThat(at(dashed, 7, 10)).isEqualTo(WHITE);
        assertThat(at(dashed, 12, 10)).isEqualTo(RED);
    }

    @Test
    void aTriangleFillsItsInsideOnly() {
        PixelPainter p = painter(20, 20);
        p.fillTriangle(2, 2, 18, 2, 2, 18, RED, 1);
        assertThat(at(p, 4, 4)).isEqualTo(RED);
        assertThat(at(p, 16, 16)).isEqualTo(WHITE);
    }

    @Test
    void aGridDrawnRowByRowHasTheSamePixelsAsOneDrawnColumnByColumn() {
        PixelPainter byColumn = painter(37, 23);
        int[] xs = {-3, 0, 5, 17, 36, 40};
        for (int x : xs) {
            byColumn.columnLine(x, RED, 0.3);
        }
        byColumn.rowLine(4, RED, 0.3);
        PixelPainter byRow = new PixelPainter();
        byRow.resize(37, 23);
        byRow.fillWithColumns(WHITE, xs, xs.length, RED, 0.3);
        byRow.rowLine(4, RED, 0.3);
        assertThat(java.util.Arrays.copyOf(byRow.pixels(), 37 * 23))
                .isEqualTo(java.util.Arrays.copyOf(byColumn.pixels(), 37 * 23));
        assertThat(at(byRow, 5, 10)).isNotEqualTo(WHITE);
        assertThat(at(byRow, 6, 10)).isEqualTo(WHITE);
    }

    @Test
    void aBufferThatMustGrowMakesRoomForTheCapacityAskedFor() {
        PixelPainter p = new PixelPainter();
        p.resize(10, 10, 400);
        int[] first = p.pixels();
        assertThat(first.length).isEqualTo(400);
        p.resize(20, 20);
        assertThat(p.pixels()).as("no new array: it fits").isSameAs(first);
        assertThat(p.width()).isEqualTo(20);
    }
}
