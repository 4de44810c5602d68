package dev.baton.engine;

import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to run a flow with.
 *
 * @param input             the run input that enters at START
 * @param humanInput        answers HUMAN questions; null to wait for {@link RunHandle#answer} instead
 * @param humanInputAllowed false makes any question to a person fail the run (the CLI's {@code --no-input})
 * @param gate              breakpoints in front of node starts and handoffs; {@link RunGate#OPEN} for none
 * @param workspace         the file tools' folder, already resolved (the flow's {@code tools.workspace} against the
 *                          flow file's folder, or {@code --workspace DIR}); null: the flow's own workspace if it is
 *                          absolute, else no file tools
 * @param redactor          the program's redactor (it knows the key values of the environment): tool results pass
 *                          through it before a model, an event or a console sees them; null for shapes only
 * @param serverTools       the tools of the MCP servers started for this run (their descriptors name their server),
 *                          offered to the nodes that name them {@code server/tool}; whoever started the servers
 *                          stops them when the run ends
 */
public record RunRequest(String input, HumanInputHandler humanInput, boolean humanInputAllowed, RunGate gate,
                         Path workspace, Redactor redactor, List<Tool> serverTools) {

    public RunRequest {
        Objects.requireNonNull(input, "input");
        gate = gate == null ? RunGate.OPEN : gate;
        redactor = redactor == null ? Redactor.shapesOnly() : redactor;
        serverTools = serverTools == null ? List.of() : List.copyOf(serverTools);
    }

    /** A request without MCP servers whose tool results are redacted by shapes only. */
    public RunRequest(String input, HumanInputHandler humanInput, boolean humanInputAllowed, RunGate gate,
                      Path workspace) {
        this(input, humanInput, humanInputAllowed, gate, workspace, null, List.of());
    }

    /** A request whose file tools work in the flow's own absolute workspace, if any. */
    public RunRequest(String input, HumanInputHandler humanInput, boolean humanInputAllowed, RunGate gate) {
        this(input, humanInput, humanInputAllowed, gate, null);
    }

    /** A request without breakpoints. */
    public RunRequest(String input, HumanInputHandler humanInput, boolean humanInputAllowed) {
        this(input, humanInput, humanInputAllowed, RunGate.OPEN);
    }

    /** Input only; questions to a person wait for {@link RunHandle#answer}. */
    public static RunRequest of(String input) {
        return new RunRequest(input, null, true);
    }

    public RunRequest withHumanInput(HumanInputHandler handler) {
        return new RunRequest(input, handler, true, gate, workspace, redactor, serverTools);
    }

    public RunRequest withoutHumanInput() {
        return new RunRequest(input, null, false, gate, workspace, redactor, serverTools);
    }

    /** The same request stopping at {@code newGate} before node starts and handoffs. */
    public RunRequest withGate(RunGate newGate) {
        return new RunRequest(input, humanInput, humanInputAllowed, newGate, workspace, redactor, serverTools);
    }

    /** The same request with the file tools working in {@code folder} (null: none unless the flow's is absolute). */
    public RunRequest withWorkspace(Path folder) {
        return new RunRequest(input, humanInput, humanInputAllowed, gate, folder, redactor, serverTools);
    }

    /** The same request redacting tool results with {@code programRedactor}. */
    public RunRequest withRedactor(Redactor programRedactor) {
        return new RunRequest(input, humanInput, humanInputAllowed, gate, workspace, programRedactor, serverTools);
    }

    /** The same request offering these MCP servers' tools (see {@link #serverTools}). */
    public RunRequest withServerTools(List<Tool> tools) {
        return new RunRequest(input, humanInput, humanInputAllowed, gate, workspace, redactor, tools);
    }
}
