package dev.baton.ui.shell;

import dev.baton.flow.Flow;
import dev.baton.ui.canvas.FlowCanvas;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Export SVG… writes the whole flow as SVG; File ▸ Export PNG (2×)… at twice the pixels of 100 %. */
@ExtendWith(ApplicationExtension.class)
class ExportCanvasTest {

    @TempDir
    Path dir;
    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    private Flow showChain(FxRobot robot) {
        Flow flow = UiFlows.sample("chain-blog-article.json");
        robot.interact(() -> {
            window.document().replace(flow, null);
            window.showCanvas();
            // zoomed in on one corner: the export is of the whole flow, not of the view
            window.canvas().zoomBy(2.5);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return flow;
    }

    @Test
    void svgHoldsEveryCardAndEdgeWithTheirTexts(FxRobot robot) throws Exception {
        Flow flow = showChain(robot);
        Path svg = dir.resolve("chain.svg");
        dialogs.filesToSave.add(svg);
        robot.clickOn("File").clickOn("Export SVG…");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        Bounds content = FlowCanvas.contentBounds(flow);
        assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(content.getWidth() + 80);
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").startsWith("node ")) {
                nodes.add(g.getAttribute("id"));
                // the kind icon as the glyph's outline: a viewer has no icon font (the card had a gap there)
                NodeList paths = g.getElementsByTagName("path");
                assertThat(paths.getLength()).as(g.getAttribute("id")).isEqualTo(1);
                Element icon = (Element) paths.item(0);
                assertThat(icon.getAttribute("class")).isEqualTo("node-icon");
                assertThat(icon.getAttribute("d")).startsWith("M").contains("Z").hasSizeGreaterThan(40);
            } else if (g.getAttribute("class").startsWith("edge ")) {
                edges.add(g.getAttribute("id"));
                assertThat(g.getElementsByTagName("path").getLength()).isEqualTo(1);
            }
        }
        assertThat(nodes).containsExactlyInAnyOrderElementsOf(flow.nodes().stream().map(n -> "node-" + n.id())
                .toList());
        assertThat(edges).containsExactlyInAnyOrderElementsOf(flow.edges().stream().map(e -> "edge-" + e.id())
                .toList());
        List<String> texts = new ArrayList<>();
        Set<String> fills = new HashSet<>();
        NodeList textNodes = doc.getElementsByTagName("text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            fills.add(((Element) rects.item(i)).getAttribute("fill"));
        }
        assertThat(texts).contains("Fact-checker", "Article brief", "Published article", "draft");
        assertThat(fills).as("the kinds' accent colours, not one grey").hasSizeGreaterThan(4);
    }

    @Test
    void pngAtTwiceTheSizeOfTheWholeFlow(FxRobot robot) throws Exception {
        Flow flow = showChain(robot);
        Path one = dir.resolve("one.png");
        Path two = dir.resolve("two.png");
        dialogs.filesToSave.add(one);
        robot.clickOn("File").clickOn("Export PNG…");
        WaitForAsyncUtils.waitForFxEvents();
        dialogs.filesToSave.add(two);
        robot.clickOn("File").clickOn("Export PNG (2×)…");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        Bounds content = FlowCanvas.contentBounds(flow);
        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        assertThat(a.getWidth()).isEqualTo((int) Math.round(content.getWidth() + 80));
        assertThat(b.getWidth()).isEqualTo(2 * a.getWidth());
        assertThat(b.getHeight()).isEqualTo(2 * a.getHeight());
        // drawn at 2×, not enlarged: the 2× image has about as many distinct colours (anti-aliased text and curves)
        assertThat(colours(b)).isGreaterThan(colours(a) / 2);
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
