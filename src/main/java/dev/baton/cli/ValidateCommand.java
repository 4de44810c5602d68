package dev.baton.cli;

import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.flow.io.LoadedFlow;
import dev.baton.secret.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton validate FILE…}: checks flow files and prints located problems. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check flow files. Prints 'FILE: LOCATION: message' for each problem to stderr;"
                + " exits 0 when every file is valid, 1 otherwise.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "flow files (baton.flow/1 JSON)")
    private List<Path> files;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "print nothing for valid files")
    private boolean quiet;

    @CommandLine.Option(names = {"-W", "--warnings-as-errors"}, description = "treat warnings as errors")
    private boolean strict;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            allValid &= validateOne(file, out, err);
        }
        return allValid ? BatonCommand.OK : BatonCommand.INVALID;
    }

    private boolean validateOne(Path file, PrintWriter out, PrintWriter err) {
        LoadedFlow loaded;
        try {
            loaded = FlowFiles.load(file);
        } catch (FlowLoadException e) {
            err.println(SafeText.escapeControls(file + ": " + e.getMessage()));
            return false;
        } catch (RuntimeException e) {
            // FlowFiles promises located errors only; anything else is our bug, still reported on one line
            err.println(SafeText.escapeControls(file + ": internal error while reading: " + BatonCommand.oneLine(e)));
            return false;
        }
        Flow flow = loaded.flow();
        List<Problem> problems = FlowValidator.validate(flow);
        int errors = 0;
        int warnings = 0;
        for (Problem p : problems) {
            boolean counts = p.isError() || strict;
            if (p.isError()) {
                errors++;
            } else {
                warnings++;
            }
            // an id holding a line break must not forge a line such as "other.json: valid"
            err.println(SafeText.escapeControls(file + ": " + loaded.sourceMap().describe(p.pointer()) + ": "
                    + (counts ? "error" : "warning") + ": " + p.message()));
        }
        // a flow may be valid and still not run here: an MCP server's program (npx, node) is not installed
        List<dev.baton.flow.McpServerDecl> declared = flow.tools().mcpServers();
        for (var missing : dev.baton.run.RunService.mcpProgramsMissing(flow, file).entrySet()) {
            warnings++;
            int index = declared.stream().map(dev.baton.flow.McpServerDecl::name).toList().indexOf(missing.getKey());
            err.println(SafeText.escapeControls(file + ": "
                    + loaded.sourceMap().describe("/tools/mcpServers/" + index + "/command") + ": "
                    + (strict ? "error" : "warning") + ": " + missing.getValue() + "; runs will not start here"));
        }
        boolean valid = errors == 0 && (!strict || warnings == 0);
        if (valid && !quiet) {
            out.println(SafeText.escapeControls(file.toString()) + ": valid (" + flow.nodes().size() + " nodes, " + flow.edges().size() + " edges"
                    + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : "") + ")");
        }
        return valid;
    }
}
