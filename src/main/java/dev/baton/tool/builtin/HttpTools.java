package dev.baton.tool.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolException;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code http_get} and {@code http_request}: only to hosts on the flow's allow-list. Redirects are followed by hand
 * (at most {@value #MAX_REDIRECTS}), each target checked against the list, so that a listed host cannot bounce a call
 * elsewhere; bodies are read up to a size cap and turned into text ({@link HttpBodies}).
 */
public final class HttpTools {

    /** Most redirects followed for one call. */
    public static final int MAX_REDIRECTS = 5;
    /** Default cap on a response body, in bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Default time for one request (connect and response headers). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private HttpTools() {
    }

    /** Both tools; they share one client, which never follows redirects by itself. */
    public static List<Tool> of(HostAllowList allowList, int maxBodyBytes, Duration timeout) {
        Fetcher f = new Fetcher(allowList, maxBodyBytes, timeout);
        return List.of(new Get(f), new Request(f));
    }

    /** {@code http_get}. */
    static final class Get implements Tool {
        private final Fetcher fetcher;

        Get(Fetcher fetcher) {
            this.fetcher = fetcher;
        }

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.builtIn(BuiltInToolNames.HTTP_GET,
                    "Fetches a web page or API with GET and returns its body as text (HTML reduced to its text, JSON "
                            + "as is). Only hosts on the flow's allow-list: " + fetcher.allowList.entries()
                            + "; at most " + fetcher.maxBodyBytes + " bytes of body.",
                    ToolSchemas.object()
                            .required("url", ToolSchemas.string("http or https URL"))
                            .optional("headers", ToolSchemas.stringMap("extra request headers"))
                            .build(),
                    ToolRisk.READ_ONLY);
        }

        @Override
        public String call(JsonNode args) throws Exception {
            return fetcher.fetch("GET", args.get("url").asText(), args.get("headers"), null, null);
        }
    }

    /** {@code http_request}: any method; asks before it runs, since it may change something. */
    static final class Request implements Tool {
        private final Fetcher fetcher;

        Request(Fetcher fetcher) {
            this.fetcher = fetcher;
        }

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.builtIn(BuiltInToolNames.HTTP_REQUEST,
                    "Sends an HTTP request (GET, POST, PUT, PATCH, DELETE, HEAD) with an optional text body and "
                            + "returns the status and the body as text. Only hosts on the flow's allow-list: "
                            + fetcher.allowList.entries() + ".",
                    ToolSchemas.object()
                            .required("method", ToolSchemas.enumeration("HTTP method", METHODS.toArray(String[]::new)))
                            .required("url", ToolSchemas.string("http or https URL"))
                            .optional("headers", ToolSchemas.stringMap("extra request headers"))
                            .optional("body", ToolSchemas.string("request body"))
                            .optional("contentType", ToolSchemas.string("the body's media type, e.g. application/json"))
                            .build(),
                    ToolRisk.WRITES);
        }

        /** GET and HEAD only read: they run without asking, as http_get does; every other method asks. */
        @Override
        public java.util.Optional<ApprovalPolicy> defaultPolicy(JsonNode arguments) {
            JsonNode method = arguments == null ? null : arguments.get("method");
            String m = method == null ? "" : method.asText().strip().toUpperCase(java.util.Locale.ROOT);
            return java.util.Optional.of(m.equals("GET") || m.equals("HEAD") ? ApprovalPolicy.AUTO
                    : ApprovalPolicy.ASK);
        }

        @Override
        public String call(JsonNode args) throws Exception {
            return fetcher.fetch(args.get("method").asText(), args.get("url").asText(), args.get("headers"),
                    args.has("body") ? args.get("body").asText() : null,
                    args.has("contentType") ? args.get("contentType").asText() : null);
        }
    }

    /** The shared request logic. */
    static final class Fetcher {
        final HostAllowList allowList;
        final int maxBodyBytes;
        final Duration timeout;
        private final HttpClient client;

        Fetcher(HostAllowList allowList, int maxBodyBytes, Duration timeout) {
            this.allowList = allowList;
            this.maxBodyBytes = maxBodyBytes;
            this.timeout = timeout;
            this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(timeout).build();
        }

        String fetch(String method, String url, JsonNode headers, String body, String contentType) throws Exception {
            String m = method.toUpperCase(Locale.ROOT);
            URI uri = checked(url);
            for (int hop = 0; ; hop++) {
                HttpRequest request = request(m, uri, headers, body, contentType);
                HttpResponse<InputStream> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                } catch (java.net.http.HttpTimeoutException e) {
                    throw new ToolException("no answer from " + uri.getHost() + " within " + timeout.toSeconds() + " s");
                } catch (IOException e) {
                    throw new ToolException("the request to " + uri.getHost() + " failed: " + e.getMessage());
                }
                int status = response.statusCode();
                String location = response.headers().firstValue("location").orElse(null);
                if (status >= 300 && status < 400 && location != null) {
                    response.body().close();
                    if (hop >= MAX_REDIRECTS) {
                        throw new ToolException("more than " + MAX_REDIRECTS + " redirects; stopped at " + uri);
                    }
                    URI next;
                    try {
                        next = uri.resolve(new URI(location));
                    } catch (URISyntaxException e) {
                        throw new ToolException("the redirect target '" + location + "' is not a valid URL");
                    }
                    String refusal = allowList.refusal(next);
                    if (refusal != null) {
                        throw new ToolException("refused to follow a redirect from " + uri.getHost() + " to " + next
                                + ": " + refusal);
                    }
                    // 303, and 301/302 after a POST, turn into a GET without body (what browsers do)
                    if (status == 303 || ((status == 301 || status == 302) && !m.equals("GET") && !m.equals("HEAD"))) {
                        m = "GET";
                        body = null;
                    }
                    uri = next;
                    continue;
                }
                return HttpBodies.describe(m, uri, response, maxBodyBytes);
            }
        }

        private URI checked(String url) throws ToolException {
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new ToolException("'" + url + "' is not a valid URL");
            }
            String refusal = allowList.refusal(uri);
            if (refusal != null) {
                throw new ToolException(refusal);
            }
            return uri;
        }

        private HttpRequest request(String method, URI uri, JsonNode headers, String body, String contentType)
                throws ToolException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
            try {
                if (headers != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> h = it.next();
                        b.header(h.getKey(), h.getValue().asText());
                    }
                }
                if (contentType != null && body != null) {
                    b.header("Content-Type", contentType);
                }
            } catch (IllegalArgumentException e) {
                throw new ToolException("a request header is not allowed: " + e.getMessage());
            }
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            return b.method(method, publisher).build();
        }
    }
}
