package dev.baton.ui.result;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Markdown (CommonMark plus GFM tables) turned into plain JavaFX nodes: headings and paragraphs as {@link TextFlow}s,
 * lists as marker + body rows, code blocks as monospace labels, tables as a {@link GridPane}. No WebView: the jar
 * stays lean and the text follows the theme's CSS ({@code .md-*} classes in app.css).
 */
public final class MarkdownView {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private MarkdownView() {
    }

    /** The rendered document: one VBox whose children are the blocks, in order. */
    public static VBox render(String markdown) {
        VBox root = new VBox(8);
        root.getStyleClass().add("md-document");
        blocks(PARSER.parse(markdown == null ? "" : markdown), root);
        return root;
    }

    private static void blocks(Node parent, VBox into) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            javafx.scene.Node block = block(n);
            if (block != null) {
                into.getChildren().add(block);
            }
        }
    }

    private static javafx.scene.Node block(Node n) {
        if (n instanceof Heading h) {
            return flow(h, "md-heading", "md-h" + Math.min(h.getLevel(), 4));
        } else if (n instanceof Paragraph p) {
            return flow(p, "md-paragraph");
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        } else if (n instanceof FencedCodeBlock c) {
            return code(c.getLiteral());
        } else if (n instanceof IndentedCodeBlock c) {
            return code(c.getLiteral());
        } else if (n instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            blocks(q, box);
            return box;
        } else if (n instanceof ThematicBreak) {
            return new Separator();
        } else if (n instanceof TableBlock t) {
            return table(t);
        } else if (n instanceof HtmlBlock h) {
            return code(h.getLiteral());
        }
        return null;
    }

    private static TextFlow flow(Node inlines, String... styles) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(styles);
        inline(inlines, Set.of(), flow.getChildren());
        return flow;
    }

    /** Appends the text of {@code parent}'s inline children, each run carrying the emphasis it sits in. */
    private static void inline(Node parent, Set<String> marks, List<javafx.scene.Node> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                out.add(text(t.getLiteral(), marks));
            } else if (n instanceof Code c) {
                out.add(text(c.getLiteral(), with(marks, "md-code")));
            } else if (n instanceof SoftLineBreak) {
                out.add(text(" ", marks));
            } else if (n instanceof HardLineBreak) {
                out.add(text("\n", marks));
            } else if (n instanceof Emphasis) {
                inline(n, with(marks, "md-em"), out);
            } else if (n instanceof StrongEmphasis) {
                inline(n, with(marks, "md-strong"), out);
            } else if (n instanceof Link) {
                inline(n, with(marks, "md-link"), out);
            } else if (n instanceof HtmlInline h) {
                out.add(text(h.getLiteral(), marks));
            } else {
                inline(n, marks, out);
            }
        }
    }

    private static Set<String> with(Set<String> marks, String mark) {
        var s = new java.util.LinkedHashSet<>(marks);
        s.add(mark);
        return s;
    }

    private static javafx.scene.text.Text text(String s, Set<String> marks) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(marks);
        // one class per combination: JavaFX CSS sets a font in one rule, so bold + italic needs its own
        if (marks.contains("md-strong") && marks.contains("md-em")) {
            t.getStyleClass().add("md-strong-em");
        }
        return t;
    }

    private static javafx.scene.Node list(Node list) {
        VBox box = new VBox(4);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(list instanceof OrderedList ? number++ + "." : "•");
            marker.getStyleClass().add("md-marker");
            marker.setMinWidth(22);
            marker.setAlignment(Pos.TOP_RIGHT);
            VBox body = new VBox(4);
            blocks(item, body);
            HBox.setHgrow(body, Priority.ALWAYS);
            HBox row = new HBox(6, marker, body);
            row.getStyleClass().add("md-item");
            box.getChildren().add(row);
        }
        return box;
    }

    private static javafx.scene.Node code(String literal) {
        String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Label code = new Label(body);
        code.getStyleClass().add("md-code-block");
        code.setMaxWidth(Double.MAX_VALUE);
        code.setWrapText(true);
        return code;
    }

    private static javafx.scene.Node table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        List<TableRow> rows = new ArrayList<>();
        collectRows(table, rows);
        int r = 0;
        for (TableRow row : rows) {
            int c = 0;
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                if (cell instanceof TableCell tc) {
                    TextFlow f = flow(tc, tc.isHeader() ? "md-th" : "md-td");
                    f.setMaxWidth(Double.MAX_VALUE);
                    grid.add(f, c++, r);
                }
            }
            r++;
        }
        return grid;
    }

    private static void collectRows(Node parent, List<TableRow> rows) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof TableRow row) {
                rows.add(row);
            } else {
                collectRows(n, rows);
            }
        }
    }
}
