package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.RunCommand;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.run.RemoteEngine;
import dev.baton.run.RemoteRequest;
import dev.baton.secret.Redactor;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code baton run --engine temporal} asks about a tool call whose policy is ask on stdin as a local run does
 * ({@code [a]pprove / [r]un-wide / [d]eny / [e]dit}), and {@code --no-input} / {@code --approve-tools} decide as
 * locally; the answer reaches the workflow as a signal. A Temporal test server on a loopback port, one worker.
 */
class TemporalCliApprovalTest {

    static final String QUEUE = "cli-approvals";

    static TestServer.PortBoundTestServer server;
    static WorkflowServiceStubs service;
    static WorkerFactory worker;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port);
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + port).build());
        worker = TemporalWorker.start(WorkflowClient.newInstance(service), QUEUE, new WorkerActivities(
                ModelProviders.routing(SimulatedModel.Settings.DEFAULT), null, Redactor.shapesOnly()));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.shutdownNow();
        service.shutdownNow();
        server.close();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... extra) throws Exception {
        Flow flow = TemporalApprovalsTest.calculatorAsks();
        RunCommand command = new RunCommand(f -> flow, new BufferedReader(new StringReader(stdin)),
                ModelProviders.routing(SimulatedModel.Settings.DEFAULT));
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("flow.json", "--engine", "temporal", "--temporal",
                "localhost:" + port, "--task-queue", QUEUE, "--input", TemporalApprovalsTest.INPUT));
        args.addAll(List.of(extra));
        return cl.execute(args.toArray(String[]::new));
    }

    @Test
    void asksOnStdinAndApproves() throws Exception {
        int code = run("a\n");

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(err.toString()).contains("? [researcher] wants to call calculator with:")
                .contains("[a]pprove / [r]un-wide / [d]eny / [e]dit >")
                .contains("approval calculator: approve by cli")
                .contains("tool calculator ok").contains("317");
    }

    @Test
    void denyWithAReasonOnStdinGoesBackToTheModel() throws Exception {
        int code = run("d\nnot today\n");

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(err.toString()).contains("approval calculator: deny by cli - not today")
                .contains("tool calculator error").contains("denied by cli: not today");
    }

    /**
     * Through {@code RemoteEngine}, as the designer runs: a run held at a breakpoint nobody resumes; interrupting the
     * caller (the designer's Stop) cancels it on Temporal and follows it to its end, CANCELLED, every event handed on.
     */
    @Test
    void interruptingTheCallerCancelsTheHeldRunAndFollowsItToItsEnd() throws Exception {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicReference<Object> outcome = new AtomicReference<>();
        RemoteRequest request = RemoteRequest.of(TemporalApprovalsTest.INPUT, null)
                .withBreakpoints(Set.of("writer"), Set.of());
        Flow flow = TemporalApprovalsTest.calculatorAsks();
        try (RemoteEngine engine = RemoteEngine.temporal("localhost:" + port, QUEUE)) {
            Thread caller = new Thread(() -> {
                try {
                    outcome.set(engine.run(flow, request, events::add));
                } catch (Exception e) {
                    outcome.set(e);
                }
            }, "test-designer-run");
            caller.start();
            TemporalRuns runs = new TemporalRuns(WorkflowClient.newInstance(service), QUEUE);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((events.isEmpty() || runs.paused(events.get(0).runId()).isEmpty()) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(runs.paused(events.get(0).runId())).extracting(Wire.Pause::nodeId).containsExactly("writer");
            caller.interrupt();
            caller.join(60_000);
        }
        assertThat(outcome.get()).isInstanceOf(RunResult.class);
        assertThat(((RunResult) outcome.get()).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunCancelled.class);
        assertThat(events).extracting(RunEvent::seq).doesNotHaveDuplicates();
    }

    @Test
    void noInputDeniesSayingHowToAllowAndApproveToolsAutoLetsItThrough() throws Exception {
        int code = run("", "--no-input");

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(err.toString()).doesNotContain("wants to call")
                .contains("approval calculator: deny by policy").contains("--approve-tools auto");

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        code = run("", "--no-input", "--approve-tools", "auto");
        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(err.toString()).contains("approval calculator: approve by policy - --approve-tools auto")
                .contains("tool calculator ok");
    }
}
