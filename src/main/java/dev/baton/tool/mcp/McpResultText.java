package dev.baton.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.mcp.client.McpToolResultExtractor;
import dev.langchain4j.service.tool.ToolExecutionResult;

import java.util.Locale;

/**
 * Turns every kind of content an MCP tool may answer with into the text a model reads. LangChain4j's own extractor
 * (1.18.1-beta28) throws on anything but text, so a server answering with an image, a resource link or an embedded
 * resource (a screenshot, a file read as a resource) made the whole call an error although the server succeeded. Here
 * text and text resources are passed on as they are; images, audio and binary resources become a short note saying
 * what came back (Baton passes models text only, and base64 would only fill their context); unknown kinds are named.
 */
final class McpResultText implements McpToolResultExtractor {

    /** Stands for the binary data of a result: models are given text only. */
    private static final String NOT_SHOWN = "not shown to the model";

    @Override
    public ToolExecutionResult extract(JsonNode content, boolean isError) {
        StringBuilder text = new StringBuilder();
        if (content != null && content.isArray()) {
            for (JsonNode item : content) {
                String part = part(item);
                if (!part.isEmpty()) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(part);
                }
            }
        }
        return ToolExecutionResult.builder().isError(isError).resultText(text.toString()).build();
    }

    /** One content item as text. */
    static String part(JsonNode item) {
        String type = item.path("type").asText("");
        switch (type) {
            case "text":
                return item.path("text").asText("");
            case "image":
            case "audio":
                return "[" + type + " (" + mime(item) + ", " + size(item.path("data")) + ") returned by the tool, "
                        + NOT_SHOWN + "]";
            case "resource_link":
                return "[resource link: " + label(item) + describe(item) + "]";
            case "resource":
                return resource(item.path("resource"));
            default:
                return "[content of type '" + (type.isEmpty() ? "unknown" : type) + "' returned by the tool, "
                        + NOT_SHOWN + "]";
        }
    }

    private static String resource(JsonNode r) {
        String uri = r.path("uri").asText("");
        if (r.hasNonNull("text")) {
            return "[resource " + uri + (r.hasNonNull("mimeType") ? " (" + r.get("mimeType").asText() + ")" : "")
                    + "]\n" + r.get("text").asText();
        }
        return "[resource " + uri + " (" + mime(r) + ", " + size(r.path("blob")) + "), " + NOT_SHOWN + "]";
    }

    /** "name (uri, mime)" or the parts of it the link has. */
    private static String label(JsonNode link) {
        String uri = link.path("uri").asText("");
        String name = link.path("name").asText("");
        String mime = link.path("mimeType").asText("");
        String inner = uri + (mime.isEmpty() ? "" : ", " + mime);
        return name.isEmpty() || name.equals(uri) ? inner : name + " (" + inner + ")";
    }

    private static String describe(JsonNode item) {
        String d = item.path("description").asText("");
        return d.isBlank() ? "" : " — " + d.strip();
    }

    private static String mime(JsonNode item) {
        String m = item.path("mimeType").asText("");
        return m.isEmpty() ? "no type given" : m;
    }

    /** The size of base64 data once decoded, in bytes or KB. */
    private static String size(JsonNode data) {
        String s = data.asText("");
        int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        long bytes = Math.max(0, s.length() / 4L * 3 - padding);
        return bytes < 10_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%,d KB", bytes / 1024);
    }
}
