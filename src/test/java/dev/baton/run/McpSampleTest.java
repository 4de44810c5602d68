package dev.baton.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.ToolApprovalRequest;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;
import dev.baton.flow.io.FlowFiles;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP sample, sample-flows/mcp-filesystem-review.json, as shipped (a copy in a temporary folder, so that the
 * review it writes lands there): it validates, and on the simulated model the reviewer reads the notes and the scribe
 * writes the review through the reference filesystem server. The server is started from the copy
 * .ci/install-mcp-servers installed instead of through npx, which would need the npm registry; without node on the
 * PATH, {@code baton validate} warns and {@code baton run} refuses in one line.
 */
class McpSampleTest {

    private static final Path SAMPLE = Path.of("sample-flows", "mcp-filesystem-review.json");
    private static final Path DATA = Path.of("sample-flows", "mcp-filesystem-review");

    @TempDir
    Path dir;

    private static ModelProvider noRealModels() {
        throw new IllegalStateException("the sample runs on the simulated model");
    }

    private Path copy() throws Exception {
        Files.createDirectories(dir.resolve(DATA.getFileName()));
        try (var files = Files.list(DATA)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(DATA.getFileName()).resolve(f.getFileName()));
            }
        }
        return Files.copy(SAMPLE, dir.resolve(SAMPLE.getFileName()));
    }

    /** The same flow with its fs server started by node from the installed copy, with the same arguments. */
    private static Flow withInstalledServer(Flow flow) {
        String script = McpFixtures.reference("server-filesystem");
        List<McpServerDecl> servers = new ArrayList<>();
        for (McpServerDecl s : flow.tools().mcpServers()) {
            assertThat(s.command()).isEqualTo("npx");
            assertThat(s.args().get(1)).startsWith("@modelcontextprotocol/server-filesystem@");
            List<String> args = new ArrayList<>(List.of(script));
            args.addAll(s.args().subList(2, s.args().size()));
            servers.add(new McpServerDecl(s.name(), McpFixtures.node(), args, s.env(), null, s.headers()));
        }
        ToolSettings t = flow.tools();
        return flow.withTools(new ToolSettings(t.workspace(), t.httpAllowHosts(), servers, t.maxToolCalls(),
                t.approval()));
    }

    @Test
    void theSampleValidatesReadsTheNotesAndWritesTheReviewOnTheSimulatedModel() throws Exception {
        Path file = copy();
        Flow flow = FlowFiles.load(file).flow();
        assertThat(FlowValidator.validate(flow)).isEmpty();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunService service = new RunService(Redactor.shapesOnly(), McpSampleTest::noRealModels)
                .withVariables(name -> null);
        // the sample asks before fs/write_file: a person approves here, as the designer's Approve button would
        List<ToolApprovalRequest> asked = new CopyOnWriteArrayList<>();
        RunGate approver = new RunGate() {
            @Override
            public ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request) {
                asked.add(request);
                return ToolApproval.approve("designer");
            }
        };
        RunOptions options = RunOptions.DEFAULT.withoutAudit().withFlowFile(file).withGate(approver);

        AuditedRun run = service.launch(withInstalledServer(flow), "Focus on what is still open.", options,
                List.of((RunListener) events::add));
        RunResult result;
        try {
            result = run.handle().result().get(60, TimeUnit.SECONDS);
            run.handle().awaitEventsDelivered(Duration.ofSeconds(10));
        } finally {
            run.close(Duration.ZERO);
        }

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        List<RunEvent.ToolCallFinished> calls = events.stream().filter(RunEvent.ToolCallFinished.class::isInstance)
                .map(RunEvent.ToolCallFinished.class::cast).toList();
        assertThat(calls).extracting(c -> c.nodeId() + " " + c.server() + "/" + c.tool() + " " + c.error())
                .containsExactly("reviewer fs/read_text_file false", "scribe fs/write_file false");
        assertThat(calls.get(0).content()).contains("the beta ships on 15 January");
        assertThat(asked).extracting(a -> a.nodeId() + " " + a.server() + "/" + a.tool())
                .containsExactly("scribe fs/write_file");
        Path review = dir.resolve("mcp-filesystem-review/review.md");
        assertThat(review).isRegularFile();
        assertThat(Files.readString(review)).contains("the beta ships on 15 January");
        assertThat(result.output()).contains("Successfully wrote to");
        McpFixtures.assertNoServerLeft();
    }

    /** The flow names an MCP tool's policy as server/tool: a deny there reaches the server's read_text_file. */
    @Test
    void aFlowPolicyNamedServerSlashToolGovernsThatServersTool() throws Exception {
        Path file = copy();
        Flow flow = withInstalledServer(FlowFiles.load(file).flow());
        ToolSettings t = flow.tools();
        Map<String, ApprovalPolicy> approval = new HashMap<>(t.approval());
        approval.put("fs/read_text_file", ApprovalPolicy.DENY);
        approval.put("fs/write_file", ApprovalPolicy.AUTO);
        Flow denying = flow.withTools(new ToolSettings(t.workspace(), t.httpAllowHosts(), t.mcpServers(),
                t.maxToolCalls(), approval));
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunService service = new RunService(Redactor.shapesOnly(), McpSampleTest::noRealModels)
                .withVariables(name -> null);
        AuditedRun run = service.launch(denying, "Focus on what is still open.",
                RunOptions.DEFAULT.withoutAudit().withFlowFile(file), List.of((RunListener) events::add));
        try {
            run.handle().result().get(60, TimeUnit.SECONDS);
            run.handle().awaitEventsDelivered(Duration.ofSeconds(10));
        } finally {
            run.close(Duration.ZERO);
        }

        assertThat(events).filteredOn(RunEvent.ToolApprovalAnswered.class::isInstance)
                .map(e -> (RunEvent.ToolApprovalAnswered) e)
                .extracting(a -> a.tool() + " " + a.decision() + " " + a.by())
                .contains("fs/read_text_file deny policy").noneMatch(l -> l.startsWith("fs/write_file deny"));
        assertThat(events).filteredOn(RunEvent.ToolCallFinished.class::isInstance)
                .map(e -> (RunEvent.ToolCallFinished) e).filteredOn(c -> c.tool().equals("read_text_file"))
                .allSatisfy(c -> assertThat(c.error()).isTrue()).isNotEmpty();
        McpFixtures.assertNoServerLeft();
    }

    @Test
    void withoutNodeValidateWarnsAndRunRefusesInOneLine() throws Exception {
        Path file = copy();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        ProcessResult validate = baton(java, "validate", file.toString());
        assertThat(validate.code).isZero();
        assertThat(validate.err.lines().toList()).containsExactly(file + ": 21:20 /tools/mcpServers/0/command: warning: "
                + "MCP server 'fs' (npx -y @modelcontextprotocol/server-filesystem@2026.8.31 mcp-filesystem-review) "
                + "cannot start: 'npx' is not on the PATH (install Node.js 20 or later); runs will not start here");

        ProcessResult run = baton(java, "run", file.toString(), "--no-audit", "--no-input", "--input", "x");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err.lines().toList()).containsExactly("error: MCP server 'fs' (npx -y "
                + "@modelcontextprotocol/server-filesystem@2026.8.31 mcp-filesystem-review) cannot start: 'npx' is "
                + "not on the PATH (install Node.js 20 or later)");
    }

    private record ProcessResult(int code, String err) {
    }

    /** {@code baton ARGS} in a child JVM whose PATH holds no program at all. */
    private ProcessResult baton(String java, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "-Dbaton.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                "dev.baton.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("PATH", dir.resolve("empty-path").toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(p.exitValue(), Files.readString(dir.resolve("err.txt")));
    }
}
