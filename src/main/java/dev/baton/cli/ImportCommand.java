package dev.baton.cli;

import dev.baton.flow.Problem;
import dev.baton.flow.io.FlowFiles;
import dev.baton.importer.ImportException;
import dev.baton.importer.ImportNote;
import dev.baton.importer.ImportResult;
import dev.baton.importer.Importers;
import dev.baton.secret.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code baton import FILE_OR_DIR [-o OUT.json] [--format F]}: a CrewAI, AutoGen or Flowise source as a flow. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a CrewAI crew (folder with agents.yaml and tasks.yaml), an AutoGen Studio/AgentChat team"
                + " (JSON) or a Flowise Agentflow (V2, or V1 team or sequential agents; JSON) as a Baton flow. Nothing"
                + " from the source is run."
                + " Prints the import report (what did not carry over) to stderr; exits 0 when the flow is valid,"
                + " 1 when it was written but does not validate yet, 2 when the source cannot be imported.")
public final class ImportCommand implements Callable<Integer> {

    /** Exit code: the source is not of a format Baton imports, or cannot be read or written. */
    static final int CANNOT_IMPORT = 2;

    @Parameters(paramLabel = "FILE_OR_DIR", description = "the source: a crew folder or a JSON file")
    private Path source;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json",
            description = "where to write the flow (default: the source's name + .baton.json in the current folder)")
    private Path output;

    @Option(names = "--format", paramLabel = "F", description = "crewai, autogen or flowise (detected when omitted)")
    private String format;

    @Option(names = "--team", paramLabel = "NAME",
            description = "the team of an AutoGen Studio gallery to import: its label, name or number from 1"
                    + " (default: the first)")
    private String team;

    @Option(names = "--force", description = "overwrite OUT.json when it exists")
    private boolean force;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportResult result;
        try {
            result = Importers.importFrom(source, format, team);
        } catch (ImportException e) {
            err.println("error: " + e.getMessage());
            return CANNOT_IMPORT;
        } catch (RuntimeException e) {
            err.println("error: " + source + ": internal error while importing: " + BatonCommand.oneLine(e));
            return CANNOT_IMPORT;
        }
        Path target = output != null ? output : Path.of(result.flow().id() + ".baton.json");
        if (Files.exists(target) && !force) {
            err.println("error: " + target + " exists; choose another -o or add --force");
            return CANNOT_IMPORT;
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            err.println(SafeText.escapeControls("error: cannot write " + target + ": the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist")));
            return CANNOT_IMPORT;
        }
        try {
            FlowFiles.save(target, result.flow());
        } catch (IOException e) {
            err.println(SafeText.escapeControls("error: cannot write " + target + ": " + SafeText.reason(e)));
            return CANNOT_IMPORT;
        }
        out.println("imported " + result.format() + " source " + source + " as " + target + " ("
                + result.flow().nodes().size() + " nodes, " + result.flow().edges().size() + " edges)");
        err.println("import report: " + result.notes().size() + " element(s) did not map one to one");
        for (ImportNote n : result.notes()) {
            err.println("  " + n.line());
        }
        for (Problem p : result.problems()) {
            err.println(target + ": " + p.pointer() + ": " + p.severity().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + p.message());
        }
        if (!result.valid()) {
            err.println("the flow does not validate yet: fix the errors above in the designer or the file");
            return BatonCommand.INVALID;
        }
        out.println("valid; run it with: baton run " + target + " --provider simulated");
        return BatonCommand.OK;
    }
}
