package dev.baton.run;

import dev.baton.flow.AgentNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;
import dev.baton.tool.mcp.McpConnection;
import dev.baton.tool.mcp.McpServerGroup;
import dev.baton.tool.mcp.McpServerSpec;
import dev.baton.tool.mcp.McpServers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The MCP servers a run needs: those its nodes name a tool of ({@code server/tool}; a declared server no node uses is
 * not started). Stdio servers start in the flow file's folder, so that a relative path in their arguments means what
 * it says next to the flow. Preflight finds what fails without starting anything (a variable not set, a program not
 * on the PATH); launch starts them all in parallel and refuses the run when one does not start or does not list a
 * tool a node names.
 */
final class RunServers {

    private RunServers() {
    }

    /** The declared servers some node of {@code flow} uses, in declaration order. */
    static List<McpServerDecl> used(Flow flow) {
        Set<String> names = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            for (String tool : n.tools()) {
                int slash = tool.indexOf(BuiltInToolNames.SERVER_SEPARATOR);
                if (slash > 0) {
                    names.add(tool.substring(0, slash));
                }
            }
        }
        return flow.tools().mcpServers().stream().filter(s -> names.contains(s.name())).toList();
    }

    /** Problems found without starting a server: one MCP_SERVER line each. */
    static List<RunProblem> preflight(Flow flow, RunOptions options, Function<String, String> variables,
                                      Redactor redactor) {
        List<RunProblem> problems = new ArrayList<>();
        for (McpServerDecl decl : used(flow)) {
            try {
                McpConnection.cannotStart(spec(decl, options, variables, redactor)).ifPresent(p ->
                        problems.add(problem(p, redactor)));
            } catch (IllegalArgumentException e) {
                problems.add(problem(e.getMessage(), redactor));
            }
        }
        return problems;
    }

    /**
     * The stdio servers {@code flow}'s nodes use whose program cannot be found here (not on the PATH, not an
     * executable file), by server name; what {@code baton validate} warns about without starting anything.
     */
    static java.util.Map<String, String> programsMissing(Flow flow, Path flowFile) {
        java.util.Map<String, String> missing = new java.util.LinkedHashMap<>();
        Path folder = flowFile == null ? null : flowFile.toAbsolutePath().getParent();
        for (McpServerDecl decl : used(flow)) {
            if (decl.isStdio()) {
                List<String> command = new ArrayList<>();
                command.add(decl.command());
                command.addAll(decl.args());
                McpServerSpec spec = McpServerSpec.stdio(decl.name(), command, java.util.Map.of());
                McpConnection.cannotStart(folder == null ? spec : spec.inDirectory(folder))
                        .ifPresent(line -> missing.put(decl.name(), line));
            }
        }
        return missing;
    }

    /**
     * Starts the servers {@code flow} uses and checks that each lists the tools its nodes name.
     *
     * @throws LaunchRefused MCP_SERVER: every server that did not start and every tool not listed, in one line
     *                       (the servers that did start are stopped again)
     */
    static McpServerGroup start(Flow flow, RunOptions options, Function<String, String> variables,
                                Redactor redactor) throws LaunchRefused {
        List<McpServerDecl> used = used(flow);
        if (used.isEmpty()) {
            return McpServerGroup.none();
        }
        List<McpServerSpec> specs = new ArrayList<>();
        try {
            for (McpServerDecl decl : used) {
                specs.add(spec(decl, options, variables, redactor));
            }
        } catch (IllegalArgumentException e) {
            throw new LaunchRefused(problem(e.getMessage(), redactor), e);
        }
        announce(used, options, redactor);
        McpServerGroup group;
        try {
            group = McpServerGroup.start(specs, redactor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchRefused(problem("the run was cancelled while its MCP servers were starting", redactor),
                    e);
        }
        List<String> lines = new ArrayList<>(group.failures());
        lines.addAll(group.unlisted(flow.nodes().stream().flatMap(n -> n.tools().stream()).distinct().toList()));
        if (!lines.isEmpty()) {
            group.close();
            throw new LaunchRefused(problem(String.join("; ", lines), redactor), null);
        }
        return group;
    }

    /**
     * One notice per program about to start ("starting MCP server NAME: COMMAND LINE (in FOLDER)"): a flow file
     * names the programs, and whoever runs it sees what it starts (the CLI prints notices on stderr).
     */
    private static void announce(List<McpServerDecl> used, RunOptions options, Redactor redactor) {
        Path folder = Optional.ofNullable(options.flowFile()).map(f -> f.toAbsolutePath().normalize().getParent())
                .orElse(null);
        for (McpServerDecl decl : used) {
            if (decl.isStdio()) {
                List<String> line = new ArrayList<>();
                line.add(decl.command());
                line.addAll(decl.args());
                options.notices().accept(redactor.forMessage("starting MCP server " + decl.name() + ": "
                        + dev.baton.tool.mcp.ServerTrust.shown(line) + (folder == null ? "" : " (in " + folder + ")")));
            }
        }
    }

    private static McpServerSpec spec(McpServerDecl decl, RunOptions options, Function<String, String> variables,
                                      Redactor redactor) {
        McpServerSpec spec = McpServers.spec(decl, variables, redactor);
        Path folder = Optional.ofNullable(options.flowFile()).map(f -> f.toAbsolutePath().getParent()).orElse(null);
        return folder == null ? spec : spec.inDirectory(folder);
    }

    private static RunProblem problem(String line, Redactor redactor) {
        return new RunProblem(RunProblem.Kind.MCP_SERVER, SafeText.escapeControls(redactor.forMessage(line)));
    }
}
