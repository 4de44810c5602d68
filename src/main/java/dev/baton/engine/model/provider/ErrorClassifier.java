package dev.baton.engine.model.provider;

import dev.baton.secret.Redactor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns whatever a provider call threw (LangChain4j, JDK HTTP, Jackson) into a classified {@link ModelException}. */
final class ErrorClassifier {

    /**
     * Key shapes only: these messages are built deep in a provider call. The exact key values are removed by the
     * program's one {@link Redactor} at every sink the message reaches (events, audit, stdout, stderr, panes).
     */
    static final Redactor SHAPES = Redactor.shapesOnly();


    /** Error bodies can be whole HTML pages; the message keeps the start. */
    private static final int MAX_MESSAGE_CHARS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorClassifier() {
    }

    /** The classified, redacted failure of a call to {@code modelLabel} ("openai/gpt-4o-mini"). */
    static ModelException classify(Throwable failure, String modelLabel) {
        List<Throwable> chain = causeChain(failure);

        for (Throwable t : chain) {
            if (t instanceof HttpException http) {
                ModelException classified =
                        fromStatus(http.statusCode(), providerMessage(http.getMessage()), modelLabel, failure);
                if (http.statusCode() == 429 && String.valueOf(http.getMessage()).contains("insufficient_quota")) {
                    // OpenAI's 429 for an account out of credit: no wait or retry helps, the billing must change
                    String detail = "HTTP 429: " + providerMessage(http.getMessage()) + " (out of quota: check the "
                            + "plan and billing of this key; retrying does not help)";
                    return exception(Kind.CLIENT_ERROR, 429, describe(Kind.CLIENT_ERROR, modelLabel, detail),
                            failure);
                }
                if (http.statusCode() == 400 && String.valueOf(http.getMessage()).contains("API_KEY_INVALID")) {
                    // Gemini refuses a wrong key with 400 INVALID_ARGUMENT, its reason API_KEY_INVALID
                    String detail = "HTTP 400: " + providerMessage(http.getMessage());
                    return exception(Kind.AUTHENTICATION, 400, describe(Kind.AUTHENTICATION, modelLabel, detail),
                            failure);
                }
                java.time.Duration retryAfter = http instanceof ProviderHttpException withHeaders
                        && withHeaders.retryAfter() != null ? withHeaders.retryAfter() : retryDelay(http.getMessage());
                if (retryAfter != null) {
                    return new ModelException(classified.kind(), classified.httpStatus(), classified.getMessage(),
                            classified.getCause(), retryAfter);
                }
                return classified;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof StreamProtocol.ErrorInStream inStream) {
                // the provider's error JSON says its kind ("rate_limit_error", "overloaded_error" …), unless the
                // event was read as a refusal already
                Kind kind = inStream.kind() != null ? inStream.kind() : kindFromErrorBody(inStream.getMessage());
                Kind known = kind == null ? Kind.SERVER_ERROR : kind;
                return exception(known, 0, describe(known, modelLabel, providerMessage(inStream.getMessage())),
                        failure);
            }
        }
        for (Throwable t : chain) {
            Kind kind = kindOf(t);
            if (kind != null) {
                return exception(kind, 0, describe(kind, modelLabel, detail(t, chain)), failure);
            }
        }
        // An in-stream error event ("event: error") arrives as a plain exception carrying the provider's JSON.
        Kind fromBody = kindFromErrorBody(failure.getMessage());
        if (fromBody != null) {
            return exception(fromBody, 0,
                    describe(fromBody, modelLabel, providerMessage(failure.getMessage())), failure);
        }
        return exception(Kind.INVALID_RESPONSE, 0,
                describe(Kind.INVALID_RESPONSE, modelLabel, detail(failure, chain)), failure);
    }

    /**
     * A failure thrown while the request was being built, before anything was sent: LangChain4j validates
     * parameters and features up front, so an argument or feature error there is ours or the model's to fix.
     */
    static ModelException classifyBeforeSending(RuntimeException failure, String modelLabel) {
        if (failure instanceof IllegalArgumentException || failure instanceof UnsupportedFeatureException) {
            return exception(Kind.CLIENT_ERROR, 0, describe(Kind.CLIENT_ERROR, modelLabel,
                    "not sent: " + detail(failure, causeChain(failure))), failure);
        }
        return classify(failure, modelLabel);
    }

    /** Classification by HTTP status; {@code providerMessage} is what the provider said in the body. */
    static ModelException fromStatus(int status, String providerMessage, String modelLabel, Throwable cause) {
        Kind kind;
        if (status == 429) {
            kind = Kind.RATE_LIMITED;
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
        } else if (status == 401 || status == 403) {
            kind = Kind.AUTHENTICATION;
        } else if (status == 408) {
            // "Request Timeout": the server gave up waiting for us; retrying is the right reaction.
            kind = Kind.TIMEOUT;
        } else if (status >= 400) {
            kind = Kind.CLIENT_ERROR;
        } else {
            kind = Kind.INVALID_RESPONSE;
        }
        String detail = "HTTP " + status + (providerMessage.isBlank() ? "" : ": " + providerMessage);
        return exception(kind, status, describe(kind, modelLabel, detail), cause);
    }

    /** A classified exception whose message and causes are redacted (it goes to events, logs and the audit DB). */
    static ModelException exception(Kind kind, int status, String message, Throwable cause) {
        return new ModelException(kind, status, SHAPES.redact(message), RedactedFailure.of(cause));
    }

    private static Kind kindOf(Throwable t) {
        if (t instanceof InterruptedException
                || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
            return Kind.CANCELLED;
        }
        if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
            return Kind.TIMEOUT;
        }
        if (t instanceof RateLimitException) {
            return Kind.RATE_LIMITED;
        }
        if (t instanceof InternalServerException) {
            return Kind.SERVER_ERROR;
        }
        if (t instanceof AuthenticationException) {
            return Kind.AUTHENTICATION;
        }
        if (t instanceof InvalidRequestException || t instanceof ModelNotFoundException) {
            return Kind.CLIENT_ERROR;
        }
        if (t instanceof UnresolvedModelServerException || t instanceof ConnectException
                || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                || t instanceof ClosedChannelException || t instanceof SocketException) {
            return Kind.NETWORK;
        }
        if (t instanceof JacksonException || t instanceof StreamingTransport.LineTooLong) {
            return Kind.INVALID_RESPONSE;
        }
        if (t instanceof IOException) {
            // The JDK client reports a dropped connection as a bare IOException ("connection closed locally").
            return Kind.NETWORK;
        }
        return null;
    }

    /** Gemini says how long to wait in its error body ({@code google.rpc.RetryInfo}, {@code "retryDelay": "37s"}). */
    static java.time.Duration retryDelay(String body) {
        JsonNode error = errorNode(body);
        if (error == null) {
            return null;
        }
        for (JsonNode detail : error.path("details")) {
            String delay = detail.path("retryDelay").asText("");
            if (delay.matches("\\d+(\\.\\d+)?s")) {
                return java.time.Duration.ofMillis(Math.round(
                        Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
            }
        }
        return null;
    }

    private static Kind kindFromErrorBody(String message) {
        JsonNode error = errorNode(message);
        if (error == null) {
            return null;
        }
        String type = (error.path("type").asText("") + " " + error.path("status").asText("") + " "
                + error.path("code").asText("")).toLowerCase(Locale.ROOT);
        if (type.contains("rate_limit") || type.contains("resource_exhausted") || type.contains("429")) {
            return Kind.RATE_LIMITED;
        }
        if (type.contains("authentication") || type.contains("permission") || type.contains("unauthenticated")) {
            return Kind.AUTHENTICATION;
        }
        if (type.contains("invalid_request") || type.contains("not_found") || type.contains("invalid_argument")
                || type.contains("too_large") || type.contains("context_length")) {
            return Kind.CLIENT_ERROR;
        }
        // vLLM and other compatible servers give the HTTP status as the code ("code": 400, "type": "BadRequestError")
        int code = error.path("code").asInt(0);
        if (code == 401 || code == 403) {
            return Kind.AUTHENTICATION;
        }
        if (code >= 400 && code < 500 && code != 408) {
            return Kind.CLIENT_ERROR;
        }
        return Kind.SERVER_ERROR;
    }

    /**
     * The provider's own words from an error body: OpenAI, Anthropic and Gemini use {"error":{"message":…}},
     * Ollama {"error":"…"}; anything else is returned as text, shortened.
     */
    static String providerMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode error = errorNode(body);
        if (error != null) {
            if (error.isTextual()) {
                return shorten(error.asText());
            }
            if (error.hasNonNull("message")) {
                return shorten(error.get("message").asText());
            }
        }
        JsonNode root = jsonObject(body);
        if (root != null && root.hasNonNull("message")) {
            return shorten(root.get("message").asText());
        }
        String html = htmlText(body);
        return shorten(html != null ? html : body.strip());
    }

    private static final java.util.regex.Pattern HTML_TITLE =
            java.util.regex.Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final java.util.regex.Pattern HTML_BODY =
            java.util.regex.Pattern.compile("(?is)<body[^>]*>(.*?)(</body>|$)");

    /**
     * What an HTML error page (a proxy's 502, a load balancer's 503) says, without its markup: its title, else its
     * body's text; null when the body is no HTML page.
     */
    private static String htmlText(String body) {
        String start = body.stripLeading().toLowerCase(Locale.ROOT);
        if (!start.startsWith("<!doctype html") && !start.startsWith("<html") && !start.startsWith("<head")
                && !start.startsWith("<body")) {
            return null;
        }
        java.util.regex.Matcher title = HTML_TITLE.matcher(body);
        String text = title.find() ? title.group(1) : null;
        if (text == null || text.isBlank()) {
            java.util.regex.Matcher page = HTML_BODY.matcher(body);
            text = page.find() ? page.group(1) : body;
            text = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ");
        }
        text = text.replaceAll("<[^>]*>", " ").replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
        return "(an HTML page) " + text.replaceAll("\\s+", " ").strip();
    }

    private static JsonNode errorNode(String body) {
        JsonNode root = jsonObject(body);
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.get("error");
        return error == null || error.isNull() ? null : error;
    }

    /** The JSON object {@code text} holds (after blanks), or null when it holds none. */
    static JsonNode jsonObject(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String describe(Kind kind, String modelLabel, String detail) {
        String what = switch (kind) {
            case RATE_LIMITED -> "rate limited";
            case SERVER_ERROR -> "server error";
            case TIMEOUT -> "timed out";
            case NETWORK -> "network error";
            case AUTHENTICATION -> "authentication failed";
            case CLIENT_ERROR -> "request refused";
            case INVALID_RESPONSE -> "invalid response";
            case CANCELLED -> "cancelled";
        };
        return "model '" + modelLabel + "' " + what + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }

    /** The most telling message in the chain: the innermost non-empty one, with its type when that helps. */
    private static String detail(Throwable t, List<Throwable> chain) {
        String message = null;
        Throwable source = t;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String candidate = chain.get(i).getMessage();
            if (candidate != null && !candidate.isBlank()) {
                message = candidate;
                source = chain.get(i);
                break;
            }
        }
        if (message == null) {
            // no message anywhere in the chain (the JDK's UnresolvedAddressException has none): say what it means,
            // not only a class name ("network error: UnresolvedModelServerException" told a user nothing)
            for (Throwable c : chain) {
                if (c instanceof UnresolvedModelServerException || c instanceof UnknownHostException
                        || c instanceof UnresolvedAddressException) {
                    return "the server's host name could not be resolved (no network, or a wrong base URL)";
                }
                if (c instanceof ConnectException) {
                    return "the connection was refused (is the server running at that address?)";
                }
            }
            return t.getClass().getSimpleName();
        }
        return shorten(source.getClass().getSimpleName() + ": " + providerMessage(message));
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + " …";
    }
}
