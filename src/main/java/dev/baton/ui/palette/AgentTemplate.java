package dev.baton.ui.palette;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Ids;
import dev.baton.flow.Position;

import java.util.HashSet;
import java.util.Set;

/**
 * A palette entry: a preconfigured node the user drops on the canvas.
 *
 * @param title    shown in the palette
 * @param section  palette section ("Agents", "Control", "My agents")
 * @param prototype the node to copy (its id is the base of the new node's id)
 */
public record AgentTemplate(String title, String section, AgentNode prototype) {

    /** A copy of the prototype with an id free in the flow, placed at a canvas position. */
    public AgentNode instantiate(Flow flow, Position at) {
        Set<String> taken = new HashSet<>();
        flow.nodes().forEach(n -> taken.add(n.id()));
        flow.edges().forEach(e -> taken.add(e.id()));
        String base = Ids.slug(prototype.name().isBlank() ? prototype.kind().name() : prototype.name());
        return prototype.withId(Ids.unique(base, taken)).withPosition(at);
    }
}
