package dev.baton.tool.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.tool.ToolSchemas;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns a response into the text a model reads: status line, then the body (HTML to text, JSON pretty, text as is). */
final class HttpBodies {

    private HttpBodies() {
    }

    static String describe(String method, URI uri, HttpResponse<InputStream> response, int maxBytes)
            throws IOException {
        byte[] bytes;
        boolean cut;
        // read one byte past the cap to know whether there is more; closing the stream then drops the rest unread
        try (InputStream in = response.body()) {
            byte[] read = in.readNBytes(maxBytes + 1);
            cut = read.length > maxBytes;
            bytes = cut ? java.util.Arrays.copyOf(read, maxBytes) : read;
        }
        String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        out.append("HTTP ").append(response.statusCode()).append(" from ").append(method).append(' ').append(uri);
        if (!type.isEmpty()) {
            out.append(" (").append(type).append(')');
        }
        out.append('\n');
        if (method.equals("HEAD") || bytes.length == 0) {
            return out.append("(no body)").toString();
        }
        Charset charset = charset(type);
        if (type.contains("html")) {
            Document doc = Jsoup.parse(new String(bytes, charset), uri.toString());
            if (!doc.title().isBlank()) {
                out.append("Title: ").append(doc.title()).append('\n');
            }
            out.append(doc.body() == null ? doc.text() : doc.body().text());
        } else if (type.contains("json")) {
            String text = new String(bytes, charset);
            out.append(cut ? text : pretty(text));
        } else if (type.isEmpty() || type.startsWith("text/") || type.contains("xml") || type.contains("javascript")) {
            out.append(new String(bytes, charset));
        } else {
            return out.append("(a ").append(type).append(" body").append(cut ? " of more than " : " of ")
                    .append(bytes.length).append(" bytes, not shown: not text)").toString();
        }
        if (cut) {
            out.append("\n[the body is longer than ").append(maxBytes).append(" bytes; the rest was not read]");
        }
        return out.toString();
    }

    private static String pretty(String json) {
        try {
            JsonNode node = ToolSchemas.MAPPER.readTree(json);
            return ToolSchemas.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return json;
        }
    }

    private static Charset charset(String type) {
        int at = type.indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split("[;\\s]")[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }
}
