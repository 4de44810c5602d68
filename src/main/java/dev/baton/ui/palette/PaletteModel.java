package dev.baton.ui.palette;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Ids;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The palette's content: built-in templates plus the user's own agents, each kept as a one-node flow file in
 * {@code <baton home>/agents/NAME.json} (the same format as flows, so a template is readable and diffable too).
 */
public final class PaletteModel {

    /** The palette section that holds the agents the user saved from the canvas. */
    public static final String MY_AGENTS = "My agents";

    private final Path agentsDir;
    private final ObservableList<AgentTemplate> templates = FXCollections.observableArrayList();

    public PaletteModel(Path agentsDir) {
        this.agentsDir = agentsDir;
        reload();
    }

    public ObservableList<AgentTemplate> templates() {
        return templates;
    }

    /** Built-ins, then the saved agents in file-name order; unreadable files are skipped. */
    public void reload() {
        List<AgentTemplate> all = new ArrayList<>(BuiltInTemplates.all());
        if (Files.isDirectory(agentsDir)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(agentsDir, "*.json")) {
                dir.forEach(files::add);
            } catch (IOException e) {
                // an unreadable folder leaves the built-ins
            }
            files.sort(null);
            for (Path f : files) {
                try {
                    Flow flow = FlowFiles.load(f).flow();
                    if (!flow.nodes().isEmpty()) {
                        AgentNode n = flow.nodes().get(0);
                        all.add(new AgentTemplate(n.name().isBlank() ? n.id() : n.name(), MY_AGENTS, n));
                    }
                } catch (FlowLoadException e) {
                    // a broken template file must not take the palette down
                }
            }
        }
        templates.setAll(all);
    }

    /** Saves a configured node as a template named {@code title}; returns the file written. */
    public Path saveAsTemplate(AgentNode node, String title) throws IOException {
        Files.createDirectories(agentsDir);
        String slug = Ids.slug(title);
        AgentNode proto = node.withName(title).withId(slug).withPosition(0, 0);
        Flow holder = Flow.empty("agent-" + slug, title).addNode(proto);
        Path file = agentsDir.resolve(slug + ".json");
        FlowFiles.save(file, holder);
        reload();
        return file;
    }
}
