package dev.baton.ui.inspector;

import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.builtin.BuiltInTools;
import dev.baton.tool.mcp.McpConnection;
import dev.baton.tool.mcp.McpServerSpec;
import dev.baton.tool.mcp.McpServers;
import dev.baton.tool.mcp.McpStartException;
import dev.baton.ui.fx.Daemons;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tools a designer session can offer: the built-ins, and per declared MCP server the tools its {@code tools/list}
 * gave. A server is started only when asked ({@link #list}), off the FX thread, within a start timeout, then stopped
 * again; its list (or its one-line problem) is kept for the session, keyed by the declaration, so a changed
 * declaration is listed anew. A flow file names commands, so nothing is started by merely selecting a node.
 */
public final class ToolCatalog {

    /** Where a server's list stands. */
    public enum Status { NOT_LISTED, LISTING, LISTED, FAILED }

    /**
     * A server's tools as far as known.
     *
     * @param problem     one line saying why the server gave no list (FAILED), else ""
     * @param unavailable tools the server lists that Baton cannot call (a task-only tool), each with the reason
     */
    public record ServerTools(Status status, List<ToolDescriptor> tools, String problem,
                              Map<String, String> unavailable) {

        static final ServerTools NOT_LISTED = new ServerTools(Status.NOT_LISTED, List.of(), "");

        public ServerTools {
            tools = List.copyOf(tools);
            problem = problem == null ? "" : problem;
            unavailable = unavailable == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(unavailable));
        }

        /** A list with no unavailable tool. */
        public ServerTools(Status status, List<ToolDescriptor> tools, String problem) {
            this(status, tools, problem, Map.of());
        }
    }

    /** The time a server gets to start and answer {@code tools/list} from the picker. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static final List<ToolDescriptor> BUILT_INS = BuiltInTools.descriptors();

    private final Map<McpServerDecl, SimpleObjectProperty<ServerTools>> servers = new HashMap<>();
    private final Executor background;
    private final Function<String, String> lookup;
    private final Duration startTimeout;
    /** The flow's file (or the copy an untitled sample came from): a stdio server starts in its folder, as in a run. */
    private volatile Supplier<Path> flowFile = () -> null;
    private volatile java.util.function.Predicate<McpServerDecl> startApproval = decl -> true;

    /** A session catalogue: servers started on daemon threads, variables read from the process environment. */
    public ToolCatalog() {
        this(Executors.newCachedThreadPool(Daemons.named("baton-tool-list")), System::getenv, START_TIMEOUT);
    }

    /**
     * @param background   where servers are started (never the FX thread)
     * @param lookup       the value of a variable a server declaration names, null when unset
     * @param startTimeout how long a server may take to start and list its tools
     */
    public ToolCatalog(Executor background, Function<String, String> lookup, Duration startTimeout) {
        this.background = background;
        this.lookup = lookup;
        this.startTimeout = startTimeout;
    }

    /**
     * Asked on the FX thread before a stdio server is started to list its tools (it starts a program the flow file
     * names); false leaves the server unlisted. Allows every start until set.
     */
    public void setStartApproval(java.util.function.Predicate<McpServerDecl> approval) {
        this.startApproval = approval;
    }

    /** Where the flow's file is, asked each time a server is listed; its folder is a stdio server's folder. */
    public void setFlowFile(Supplier<Path> file) {
        this.flowFile = file;
    }

    /** Every built-in tool, in the picker's order. */
    public static List<ToolDescriptor> builtIns() {
        return BUILT_INS;
    }

    /** What is known of a server's tools; observed by the picker. FX thread. */
    public ReadOnlyObjectProperty<ServerTools> server(McpServerDecl decl) {
        return servers.computeIfAbsent(decl, d -> new SimpleObjectProperty<>(this, d.name(), ServerTools.NOT_LISTED));
    }

    /** Starts listing a server's tools unless they are listed or being listed; a failed one is tried again. FX thread. */
    public void list(McpServerDecl decl) {
        SimpleObjectProperty<ServerTools> p = (SimpleObjectProperty<ServerTools>) server(decl);
        Status s = p.get().status();
        if (s == Status.LISTING || s == Status.LISTED) {
            return;
        }
        if (decl.isStdio() && !startApproval.test(decl)) {
            return;
        }
        p.set(new ServerTools(Status.LISTING, List.of(), ""));
        Path file = flowFile.get();
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        background.execute(() -> {
            ServerTools result = fetch(decl, folder);
            Platform.runLater(() -> p.set(result));
        });
    }

    private ServerTools fetch(McpServerDecl decl, Path folder) {
        Redactor redactor = Redactor.shapesOnly();
        McpServerSpec spec;
        try {
            spec = McpServers.spec(decl, lookup, redactor).withTimeouts(startTimeout,
                    McpServerSpec.DEFAULT_CALL_TIMEOUT);
        } catch (IllegalArgumentException e) {
            return new ServerTools(Status.FAILED, List.of(), oneLine(e.getMessage()));
        }
        if (folder != null && spec.isStdio()) {
            spec = spec.inDirectory(folder);
        }
        try (McpConnection c = McpConnection.start(spec, redactor)) {
            return new ServerTools(Status.LISTED, c.tools().stream().map(Tool::descriptor).toList(), "",
                    c.unavailable());
        } catch (McpStartException | RuntimeException e) {
            return new ServerTools(Status.FAILED, List.of(), oneLine(redactor.forMessage(String.valueOf(
                    e.getMessage()))));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
