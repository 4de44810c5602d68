package dev.baton.run;

import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool result holding the value of a key the program knows only from its environment (a shape no pattern
 * matches) is redacted before the model reads it and in every event, the events file and the audit.
 */
class ToolResultRedactionTest {

    /** No key shape matches this: only the program's redactor, which read it from the environment, knows it. */
    private static final String PLANTED = "tenant7-velvet-harbor-0451";

    @TempDir
    Path dir;

    /** The simulated model behind a non-simulated reference, recording what it is sent. */
    static final class Recording implements ModelProvider {
        final SimulatedProvider sim = new SimulatedProvider(SimulatedModel.Settings.DEFAULT);
        final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public String missingCredentials(ModelRef ref) {
            return null;
        }

        @Override
        public AgentModel model(ModelRef ref) {
            AgentModel inner = sim.model(new ModelRef(ModelRef.SIMULATED, "sim-1", null, null));
            return (request, sink) -> {
                requests.add(request);
                return inner.chat(request, sink);
            };
        }
    }

    @Test
    void aKeyValueKnownFromTheEnvironmentNeverReachesTheModelOrAnySink() throws Exception {
        assertThat(Redactor.shapesOnly().redact(PLANTED)).as("no shape knows it").isEqualTo(PLANTED);
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("config.txt"), "tenant token: " + PLANTED + "\n");
        Flow flow = Flow.empty("leak", "leak")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("clerk")
                        .withModel(new ModelRef("openai", "gpt-4o-mini", null, null))
                        .withTools(List.of("read_file")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(), null, Map.of()));
        Recording model = new Recording();
        RunService service = new RunService(new Redactor(List.of(PLANTED)), () -> model);
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        Path db = dir.resolve("audit");
        Path events = dir.resolve("events.jsonl");

        AuditedRun run = service.launch(flow, "Read config.txt", RunOptions.DEFAULT.withAudit(db)
                .withEventsFile(events).withWorkspace(ws), List.of(seen::add));
        assertThat(run.handle().result().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        run.handle().awaitEventsDelivered(Duration.ofSeconds(30));
        assertThat(run.awaitCommitted(Duration.ofSeconds(30))).isTrue();
        run.close(Duration.ZERO);

        List<String> toolMessages = model.requests.stream().flatMap(r -> r.messages().stream())
                .filter(m -> m instanceof ChatMessage.ToolResult).map(m -> ((ChatMessage.ToolResult) m).text())
                .toList();
        assertThat(toolMessages).as("the model read the file").isNotEmpty()
                .allSatisfy(t -> assertThat(t).doesNotContain(PLANTED)).anySatisfy(t -> assertThat(t)
                        .contains("tenant token: " + Redactor.REDACTED));
        RunEvent.ToolCallFinished done = seen.stream().filter(e -> e instanceof RunEvent.ToolCallFinished)
                .map(e -> (RunEvent.ToolCallFinished) e).findFirst().orElseThrow();
        assertThat(done.content()).as("the event every listener gets").doesNotContain(PLANTED)
                .contains(Redactor.REDACTED);
        assertThat(seen.toString()).doesNotContain(PLANTED);
        assertThat(Files.readString(events)).doesNotContain(PLANTED);
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.toolCalls(run.runId()).get(0).result()).doesNotContain(PLANTED)
                    .contains(Redactor.REDACTED);
        }
    }
}
