package dev.baton.run;

import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.SampleFlows;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.secret.Redactor;
import dev.baton.testing.H2Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The run service both front ends call: preflight problems of each kind, and launches recorded in real H2 files. */
class RunServiceTest {

    private static final String INPUT = "Write about heat pumps in cold climates";

    @TempDir
    Path dir;

    /** Real providers with no key anywhere: an empty environment and an empty baton home. */
    private RunService keyless() {
        Credentials none = new Credentials(name -> null, dir.resolve("home"));
        return new RunService(Redactor.shapesOnly(), () -> new ChatModelFactory(none, Duration.ofSeconds(60)));
    }

    @Test
    void aSimulatedSampleHasNoProblems() {
        assertThat(keyless().preflight(SampleFlows.blogChain(), RunOptions.DEFAULT)).isEmpty();
    }

    @Test
    void validatorErrorsStopTheRunAndNothingElseIsChecked() {
        Flow noOutput = Flow.empty("x", "x").addNode(AgentNode.of("s", NodeKind.START, "S"))
                .withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null));

        List<RunProblem> problems = keyless().preflight(noOutput, RunOptions.DEFAULT.withOtlp("ftp://x", "t"));

        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.kind()).isIn(RunProblem.Kind.INVALID_FLOW,
                RunProblem.Kind.FLOW_WARNING));
        assertThat(problems).filteredOn(RunProblem::stopsRun).isNotEmpty()
                .anySatisfy(p -> assertThat(p.message()).contains("exactly one OUTPUT").matches(".*\\[[a-z-]+]"));
    }

    @Test
    void missingKeysNameTheNodeTheModelAndTheVariable() {
        Flow flow = SampleFlows.blogChain().withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null));

        List<RunProblem> problems = keyless().preflight(flow, RunOptions.DEFAULT);

        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.kind()).isEqualTo(RunProblem.Kind.CREDENTIALS));
        // one line naming the model once, the node beside it
        assertThat(problems.get(0).message()).startsWith("model 'openai/gpt-4o-mini' (node 'researcher') needs an "
                + "API key: ").contains("set OPENAI_API_KEY").doesNotContain("\n");
        assertThat(problems.get(0).message().split("openai/gpt-4o-mini", -1)).hasSize(2);
        assertThat(problems).extracting(RunProblem::message).doesNotHaveDuplicates()
                .anySatisfy(m -> assertThat(m).contains("(node 'writer')"));
    }

    /** Nodes that call no model (a rule router, a critic with checks only) need no key for the flow's default. */
    @Test
    void nodesThatCallNoModelNeedNoKey() {
        Flow flow = Flow.empty("no-key", "no key")
                .withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null))
                .addNode(AgentNode.of("start", dev.baton.flow.NodeKind.START, "Start"))
                .addNode(AgentNode.of("rules", dev.baton.flow.NodeKind.ROUTER, "By rules")
                        .withRouter(new dev.baton.flow.RouterSpec(dev.baton.flow.RouterMode.RULE)))
                .addNode(AgentNode.of("writer", dev.baton.flow.NodeKind.AGENT, "Writer").withRole("writes")
                        .withModel(ModelRef.SIMULATED_DEFAULT))
                .addNode(AgentNode.of("checks", dev.baton.flow.NodeKind.CRITIC, "Checks only").withCritic(
                        new dev.baton.flow.CriticSpec(null, List.of(new dev.baton.flow.Check.Length(1, 100_000)))))
                .addNode(AgentNode.of("out", dev.baton.flow.NodeKind.OUTPUT, "Output"))
                .addEdge(dev.baton.flow.Edge.next("e1", "start", "rules"))
                .addEdge(dev.baton.flow.Edge.route("e2", "rules", "writer",
                        new dev.baton.flow.RouteSpec("always", null, true, null)))
                .addEdge(dev.baton.flow.Edge.next("e3", "writer", "out"))
                .addEdge(dev.baton.flow.Edge.reviews("e4", "checks", "writer", dev.baton.flow.ReviewPolicy.DEFAULT));
        assertThat(keyless().preflight(flow, RunOptions.DEFAULT)).isEmpty();
    }

    @Test
    void aWarningDoesNotStopTheRunAndCredentialsAreStillChecked() {
        // a model name of another provider is a warning; anthropic without a key is a credentials problem
        Flow flow = SampleFlows.blogChain().withDefaultModel(new ModelRef("anthropic", "gpt-4o-mini", null, null));

        List<RunProblem> problems = keyless().preflight(flow, RunOptions.DEFAULT);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(RunProblem.Kind.FLOW_WARNING);
            assertThat(p.stopsRun()).isFalse();
            assertThat(p.message()).contains("[model-name-other-provider]");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p.kind()).isEqualTo(RunProblem.Kind.CREDENTIALS));
    }

    @Test
    void aProviderOverrideIsWhatTheCredentialsAreCheckedFor() {
        RunOptions toOpenAi = RunOptions.DEFAULT.withProviderOverride(new ModelRef("openai", "gpt-4o", null, null));

        assertThat(keyless().preflight(SampleFlows.blogChain(), toOpenAi)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).startsWith("model 'openai/gpt-4o' (node '"));
    }

    @Test
    void anOtlpTargetThatIsNotAUrlAndATimeoutOutOfRangeAreProblemsOfTheirOwnKinds() {
        assertThat(keyless().preflight(SampleFlows.blogChain(), RunOptions.DEFAULT.withOtlp("ftp://x", "t")))
                .singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(RunProblem.Kind.TRACE_TARGET);
                    assertThat(p.message()).startsWith("not an http(s) URL: ftp://x");
                });
        assertThat(keyless().preflight(SampleFlows.blogChain(), RunOptions.DEFAULT.withModelTimeout(0)))
                .singleElement().extracting(RunProblem::kind).isEqualTo(RunProblem.Kind.INVALID_OPTION);
    }

    @Test
    void aLaunchWithAuditRecordsTheRunInTheDatabase() throws Exception {
        Path db = dir.resolve("audit");
        Path events = dir.resolve("events.jsonl");
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        RunListener recorder = seen::add;

        AuditedRun run = keyless().launch(SampleFlows.blogChain(), INPUT,
                RunOptions.DEFAULT.withAudit(db).withEventsFile(events).withSeed(7), List.of(recorder));
        RunResult result = run.handle().result().get(60, TimeUnit.SECONDS);
        assertThat(run.handle().awaitEventsDelivered(Duration.ofSeconds(30))).isTrue();
        assertThat(run.awaitCommitted(Duration.ofSeconds(30))).isTrue();
        AuditedRun.Closed closed = run.close(Duration.ofSeconds(3));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(closed.eventsFailure()).isNull();
        assertThat(closed.auditFailure()).isNull();
        assertThat(closed.trace()).isNull();
        assertThat(run.auditDatabase()).isEqualTo(db);
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.RunSummary summary = store.run(run.runId()).orElseThrow();
            assertThat(summary.status()).isEqualTo("SUCCEEDED");
            assertThat(summary.input()).isEqualTo(INPUT);
            assertThat(store.events(run.runId())).hasSize(seen.size());
        }
        assertThat(Files.readAllLines(events)).hasSize(seen.size()).first().asString()
                .startsWith("{\"type\":\"RunStarted\"");
        assertThat(run.close(Duration.ZERO)).as("closing twice reports the first close").isSameAs(closed);
    }

    @Test
    void theTokenChunkWindowReachesTheEngine() throws Exception {
        long[] everyChunk = chunksAndCalls(RunOptions.DEFAULT.withTokenChunkWindow(Duration.ZERO));
        // a line every ~50 ms: the default 25 ms window would let each go out on its own
        long[] joined = chunksAndCalls(RunOptions.DEFAULT.withTokenChunkWindow(Duration.ofMinutes(1))
                .withSimLatency(Duration.ZERO, 400));

        assertThat(everyChunk[0]).as("a zero window: every streamed chunk its own event").isGreaterThan(everyChunk[1]);
        assertThat(joined[0]).as("a window longer than the run: one joined chunk event per model call at most")
                .isPositive().isLessThanOrEqualTo(joined[1]);
    }

    /** The TokenChunk and ModelRequested events of one run of the blog chain with {@code options}. */
    private long[] chunksAndCalls(RunOptions options) throws Exception {
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        AuditedRun run = keyless().launch(SampleFlows.blogChain(), INPUT,
                options.withoutAudit(), List.of(seen::add));
        assertThat(run.handle().result().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        run.handle().awaitEventsDelivered(Duration.ofSeconds(30));
        run.close(Duration.ZERO);
        return new long[] {seen.stream().filter(e -> e instanceof RunEvent.TokenChunk).count(),
                seen.stream().filter(e -> e instanceof RunEvent.ModelRequested).count()};
    }

    @Test
    void aRunWithoutAuditOpensNoDatabase() throws Exception {
        Path home = dir.resolve("baton-home");
        String before = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
        try {
            AuditedRun run = keyless().launch(SampleFlows.blogChain(), INPUT, RunOptions.DEFAULT.withoutAudit(),
                    List.of());
            assertThat(run.handle().result().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.awaitCommitted(Duration.ZERO)).isTrue();
            run.close(Duration.ZERO);
            assertThat(run.auditDatabase()).isNull();
            assertThat(home).doesNotExist();
        } finally {
            if (before == null) {
                System.clearProperty("baton.home");
            } else {
                System.setProperty("baton.home", before);
            }
        }
    }

    @Test
    void aFileThatIsNotADatabaseRefusesTheLaunchAsUnusableAndIsLeftAlone() throws Exception {
        Files.writeString(dir.resolve("notes.mv.db"), "my own notes");
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "earlier events\n");

        LaunchRefused refused = catchThrowableOfType(LaunchRefused.class, () -> keyless().launch(
                SampleFlows.blogChain(), INPUT,
                RunOptions.DEFAULT.withAudit(dir.resolve("notes")).withEventsFile(events), List.of()));

        assertThat(refused.problem().kind()).isEqualTo(RunProblem.Kind.AUDIT_UNUSABLE);
        assertThat(refused.problem().message()).startsWith("cannot open the audit database " + dir.resolve("notes"))
                .contains("not an H2 database").doesNotContain("\n");
        assertThat(Files.readString(dir.resolve("notes.mv.db"))).isEqualTo("my own notes");
        assertThat(Files.readString(events)).isEqualTo("earlier events\n");
    }

    @Test
    void aDatabaseHeldByAnotherProcessRefusesTheLaunchAsBusy() throws Exception {
        Path db = dir.resolve("audit");
        AuditedRun first = keyless().launch(SampleFlows.blogChain(), INPUT, RunOptions.DEFAULT.withAudit(db),
                List.of());
        first.handle().result().get(60, TimeUnit.SECONDS);
        first.handle().awaitEventsDelivered(Duration.ofSeconds(30));
        assertThat(first.awaitCommitted(Duration.ofSeconds(30))).isTrue();
        first.close(Duration.ZERO);
        try (H2Holder holder = H2Holder.hold(db)) {

            LaunchRefused refused = catchThrowableOfType(LaunchRefused.class, () -> keyless().launch(
                    SampleFlows.blogChain(), INPUT, RunOptions.DEFAULT.withAudit(db), List.of()));

            assertThat(refused.problem().kind()).isEqualTo(RunProblem.Kind.AUDIT_BUSY);
            assertThat(refused.problem().message()).contains("locked");
        }
    }

    @Test
    void anEventsFileThatCannotBeCreatedRefusesTheLaunchBeforeTheRunStarts() throws Exception {
        Path db = dir.resolve("audit");
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path events = notAFolder.resolve("events.jsonl");

        LaunchRefused refused = catchThrowableOfType(LaunchRefused.class, () -> keyless().launch(
                SampleFlows.blogChain(), INPUT, RunOptions.DEFAULT.withAudit(db).withEventsFile(events), List.of()));

        assertThat(refused.problem().kind()).isEqualTo(RunProblem.Kind.EVENTS_FILE);
        assertThat(refused.problem().message()).startsWith("cannot write events to " + events);
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 10).items()).as("no run started").isEmpty();
        }
    }
}
