package dev.baton.ui.canvas;

import dev.baton.flow.Flow;
import dev.baton.ui.document.FlowDocument;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Exports the whole flow (not just the visible part) as PNG: an off-screen canvas sized to the flow at 100 % (scaled
 * down beyond 8,000 px), snapshotted and written with ImageIO from the pixel reader.
 */
public final class PngExport {

    private static final double MAX_SIDE = 8000;
    /** Layout passes at the most before the image is taken (a 2,000-agent flow makes its skins in ~60). */
    private static final int MAX_PASSES = 400;

    private PngExport() {
    }

    /** Renders the flow at 100 %; call on the FX thread. */
    public static WritableImage render(Flow flow, List<String> stylesheets) {
        return render(flow, stylesheets, 1);
    }

    /**
     * Renders the flow at {@code pixelScale} (2: twice the pixels of the canvas at 100 %, sharp on a high-density
     * screen or a slide); the canvas itself draws at that zoom, so texts and lines are drawn sharp, not enlarged.
     */
    public static WritableImage render(Flow flow, List<String> stylesheets, double pixelScale) {
        FlowCanvas canvas = prepare(flow, stylesheets, pixelScale);
        return canvas.getScene().snapshot(null);
    }

    /**
     * The off-screen canvas the image is taken of, laid out until it shows every styled card and edge. On screen the
     * renderer makes the skins in batches over the next pulses, and a picture of the cards stands in for them
     * meanwhile; off screen there are no pulses, so one layout left the stand-in in the image (no icons, ports, model
     * badges or edge labels).
     */
    static FlowCanvas prepare(Flow flow, List<String> stylesheets, double pixelScale) {
        FlowCanvas canvas = new FlowCanvas(new FlowDocument(flow));
        Bounds content = FlowCanvas.contentBounds(flow);
        double w = content == null ? 400 : content.getWidth() + 80;
        double h = content == null ? 300 : content.getHeight() + 80;
        double s = Math.min(pixelScale, MAX_SIDE / Math.max(w, h));
        StackPane root = new StackPane(canvas);
        Scene scene = new Scene(root, w * s, h * s);
        scene.getStylesheets().setAll(stylesheets);
        canvas.resize(w * s, h * s);
        if (content != null) {
            canvas.view().scale().set(s);
            canvas.view().translateX().set((40 - content.getMinX()) * s);
            canvas.view().translateY().set((40 - content.getMinY()) * s);
        }
        // setting the view above reads as the start of a gesture, which would keep the stand-in until a pulse
        // later; the export's view is at rest from the start
        canvas.settleNow();
        root.applyCss();
        root.layout();
        for (int pass = 0; pass < MAX_PASSES && !canvas.fullyDrawn(); pass++) {
            canvas.requestLayout();
            root.applyCss();
            root.layout();
        }
        return canvas;
    }

    public static void write(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
