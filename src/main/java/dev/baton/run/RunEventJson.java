package dev.baton.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.RedactedJson;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import dev.baton.secret.Redactor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;

/**
 * Writes a run event as one JSON object: "type" first, then the record's fields by name; times as ISO-8601. Every
 * string value and map key is redacted as a value (redacting the JSON text could cut through an escape sequence).
 */
final class RunEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEventJson() {
    }

    static String line(RunEvent event, Redactor redactor) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", event.type());
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(event);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + event.type(), e);
            }
            if (value instanceof String text) {
                node.put(c.getName(), redactor.redact(text));
            } else if (value instanceof Instant t) {
                node.put(c.getName(), t.toString());
            } else if (value instanceof RunTotals totals) {
                ObjectNode o = node.putObject(c.getName());
                o.put("inputTokens", totals.inputTokens());
                o.put("outputTokens", totals.outputTokens());
                o.put("modelCalls", totals.modelCalls());
                o.put("elapsedMs", totals.elapsedMs());
            } else {
                node.set(c.getName(), RedactedJson.tree(JSON.valueToTree(value), redactor));
            }
        }
        return node.toString();
    }
}
