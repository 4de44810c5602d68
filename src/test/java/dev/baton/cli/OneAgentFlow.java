package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A flow file START → one agent ("Explainer of the sea") on an openai-compatible server → OUTPUT, for CLI tests. */
final class OneAgentFlow {

    private OneAgentFlow() {
    }

    /** Writes {@code one-agent.json} into {@code dir}; {@code timeoutSeconds} null leaves the setting out. */
    static Path write(Path dir, String baseUrl, Integer timeoutSeconds) throws Exception {
        Path flow = dir.resolve("one-agent.json");
        String timeout = timeoutSeconds == null ? "" : ", \"timeoutSeconds\": " + timeoutSeconds;
        Files.writeString(flow, """
                {
                  "format": "baton.flow/1",
                  "id": "one-agent",
                  "name": "One agent",
                  "defaultModel": { "provider": "openai-compatible", "name": "local", "baseUrl": "%s"%s },
                  "nodes": [
                    { "id": "in", "kind": "START", "name": "Question", "position": { "x": 0, "y": 0 } },
                    { "id": "explainer", "kind": "AGENT", "name": "Explainer", "role": "Explainer of the sea",
                      "goal": "Explain briefly", "instructions": "Answer in one sentence.",
                      "position": { "x": 200, "y": 0 } },
                    { "id": "out", "kind": "OUTPUT", "name": "Answer", "position": { "x": 400, "y": 0 } }
                  ],
                  "edges": [
                    { "id": "in-to-explainer", "kind": "NEXT", "from": "in", "to": "explainer",
                      "context": { "mode": "FULL" } },
                    { "id": "explainer-to-out", "kind": "NEXT", "from": "explainer", "to": "out",
                      "context": { "mode": "FULL" } }
                  ]
                }
                """.formatted(baseUrl, timeout));
        return flow;
    }
}
