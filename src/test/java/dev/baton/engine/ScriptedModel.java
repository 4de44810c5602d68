package dev.baton.engine;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.ModelRef;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake model for tests: a script per node id decides each reply; every request is recorded. */
final class ScriptedModel implements AgentModel, ModelProvider {

    /** Answers one request of a node. */
    @FunctionalInterface
    interface Script {
        ModelReply reply(ModelRequest request, int call) throws Exception;
    }

    final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
    volatile long latencyMs;

    ScriptedModel on(String nodeId, Script script) {
        scripts.put(nodeId, script);
        return this;
    }

    /** The node answers this text every time. */
    ScriptedModel answer(String nodeId, String text) {
        return on(nodeId, (r, n) -> text(text));
    }

    ScriptedModel latency(long ms) {
        this.latencyMs = ms;
        return this;
    }

    static ModelReply text(String text) {
        return new ModelReply(text, List.of(), 10, 5, true, "fake", "fake-1", false);
    }

    static ModelReply tools(ToolCall... calls) {
        return new ModelReply("", List.of(calls), 10, 5, true, "fake", "fake-1", false);
    }

    static ToolCall call(String id, String name, String key, String value) {
        return new ToolCall(id, name, Map.of(key, value));
    }

    /** The user message of a request. */
    static String userText(ModelRequest r) {
        for (ChatMessage m : r.messages()) {
            if (m instanceof ChatMessage.User u) {
                return u.text();
            }
        }
        return "";
    }

    List<ModelRequest> requestsOf(String nodeId) {
        return requests.stream().filter(r -> r.nodeId().equals(nodeId)).toList();
    }

    @Override
    public ModelReply chat(ModelRequest request, TokenSink sink) throws ModelException {
        requests.add(request);
        int n = calls.merge(request.nodeId(), 1, Integer::sum);
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException(ModelException.Kind.CANCELLED, "interrupted");
            }
        }
        Script s = scripts.get(request.nodeId());
        if (s == null) {
            return text("output of " + request.nodeId());
        }
        try {
            return s.reply(request, n);
        } catch (ModelException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.CANCELLED, "interrupted");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String missingCredentials(ModelRef ref) {
        return null;
    }

    @Override
    public AgentModel model(ModelRef ref) {
        return this;
    }
}
