package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.flow.ModelRef;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The models a local or self-hosted server says it has: Ollama's {@code GET /api/tags}, an OpenAI-compatible
 * server's {@code GET /models}. Blocking, with a short timeout: call it off the FX thread. An unreachable server or
 * an unexpected reply gives an empty list, never an exception: the list only helps the person pick a name.
 */
public final class ServerModels {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A model list longer than this is no model list (Ollama's with a hundred models is some 50 KB). */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private final Credentials credentials;
    private final Duration timeout;

    public ServerModels(Credentials credentials, Duration timeout) {
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** True for the providers whose model list comes from their server. */
    public static boolean listsFromServer(String provider) {
        return ModelRef.OLLAMA.equals(provider) || ModelRef.OPENAI_COMPATIBLE.equals(provider);
    }

    /** The model names the server lists, in its order; empty when it cannot be asked or did not answer usefully. */
    public List<String> list(String provider, String baseUrl) {
        String base = baseUrl == null || baseUrl.isBlank()
                ? ModelRef.OLLAMA.equals(provider) ? ChatModelFactory.OLLAMA_DEFAULT_BASE_URL : null
                : baseUrl.strip();
        if (!listsFromServer(provider) || base == null) {
            return List.of();
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        boolean ollama = ModelRef.OLLAMA.equals(provider);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + (ollama ? "/api/tags" : "/models")))
                    .timeout(timeout).GET();
            String key = ollama ? null : credentials.apiKey(provider);
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpResponse<InputStream> reply = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            JsonNode root;
            try (InputStream body = reply.body()) {
                if (reply.statusCode() != 200) {
                    return List.of();
                }
                root = JSON.readTree(readWithin(body, timeout));
            }
            List<String> names = new ArrayList<>();
            for (JsonNode m : root.path(ollama ? "models" : "data")) {
                String name = m.path(ollama ? "name" : "id").asText("");
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
            return List.copyOf(names);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The body, read within {@code timeout} and up to {@link #MAX_BODY_BYTES}: the request timeout covers only the
     * headers, and a server that streams an endless body would otherwise hold this thread and fill the memory.
     */
    private static byte[] readWithin(InputStream body, Duration timeout) throws IOException {
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all the watchdog can do; the read below fails either way
            }
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("model list over " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        } finally {
            watchdog.cancel(false);
        }
    }
}
