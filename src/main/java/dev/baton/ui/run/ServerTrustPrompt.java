package dev.baton.ui.run;

import dev.baton.flow.Flow;
import dev.baton.secret.Redactor;
import dev.baton.tool.mcp.ServerTrust;
import dev.baton.ui.fx.DialogService;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Asks once before the designer starts the programs a flow names (its stdio MCP servers, for a run or for List
 * tools): each server's exact command line and folder, Run or Cancel. An approval is kept by {@link ServerTrust}, so
 * the same commands of the same flow file are not asked about again, and changed ones are.
 */
public final class ServerTrustPrompt {

    private final DialogService dialogs;
    private final ServerTrust trust;
    private final Redactor redactor;
    private final Consumer<String> notes;

    /**
     * @param redactor cleans what the dialog shows (an argument may hold a token)
     * @param notes    hears a one-line note when an approval could not be kept beyond the session
     */
    public ServerTrustPrompt(DialogService dialogs, ServerTrust trust, Redactor redactor, Consumer<String> notes) {
        this.dialogs = dialogs;
        this.trust = trust;
        this.redactor = redactor;
        this.notes = notes;
    }

    /** True when {@code flow}'s programs may start: none to start, approved before, or approved now. FX thread. */
    public boolean approve(Flow flow, Path flowFile) {
        List<ServerTrust.Command> commands = ServerTrust.commands(flow, flowFile);
        if (trust.approved(flowFile, commands)) {
            return true;
        }
        if (!dialogs.approvePrograms(flow.name(), text(commands, redactor))) {
            return false;
        }
        trust.approve(flowFile, commands).ifPresent(notes);
        return true;
    }

    /**
     * Per server "NAME: COMMAND LINE" and below it "  in FOLDER"; each line redacted and with its control characters
     * escaped (a name or argument holding a line break cannot forge a line of its own).
     */
    static String text(List<ServerTrust.Command> commands, Redactor redactor) {
        return commands.stream().map(c -> redactor.forMessage(c.server() + ": " + c.shown()) + "\n  in "
                        + redactor.forMessage(c.folder() == null ? "the folder Baton was started in"
                        : c.folder().toString()))
                .collect(Collectors.joining("\n"));
    }
}
