package dev.baton.ui.shell;

import dev.baton.ui.audit.AuditBrowser;
import dev.baton.ui.audit.AuditBrowserModel;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.panels.RunPanel;

import java.nio.file.Path;

/**
 * The designer's audit browser and the replays it starts: a recorded run's flow opens on the canvas and plays in the
 * Run tab like a live run.
 */
final class AuditReplays {

    private final DesignerWindow window;
    private AuditBrowser auditBrowser;
    private Path auditBrowserDb;

    AuditReplays(DesignerWindow window) {
        this.window = window;
    }

    /** Opens the audit browser on {@code database}. */
    AuditBrowser showBrowser(Path database) {
        // one browser per database: hidden during a replay, it comes back with its selection and filters
        if (auditBrowser == null || auditBrowser.isDisposed() || !database.equals(auditBrowserDb)) {
            auditBrowser = new AuditBrowser(window.stage(), database, window.dialogs(), this::replay);
            auditBrowserDb = database;
        }
        auditBrowser.show();
        return auditBrowser;
    }

    /** Opens a recorded run's flow (after the unsaved-changes question) and replays it like a live run. */
    void replay(AuditBrowserModel.LoadedReplay loaded) {
        RunPanel runPanel = window.runPanel();
        if (runPanel.runningProperty().get() && runPanel.controller() != null) {
            loaded.replay().close();
            window.dialogs().showInfo("A run is under way", "Cancel it (Run ▸ Cancel) before replaying another one.");
            return;
        }
        if (!window.files().confirmDiscard()) {
            loaded.replay().close();
            return;
        }
        openForReplay(loaded.flow());
        window.showCanvas();
        window.canvas().showRun(loaded.replay().viewModel(), loaded.replay().speedProperty());
        runPanel.attachReplay(loaded.replay());
        window.showRunTab();
        loaded.replay().start();
    }

    /**
     * Puts a recorded run's flow on the canvas. The open flow keeps its file (title, Save, recent inputs) when the run
     * was of it: as is when the recorded flow is the same, otherwise with the recorded version shown unsaved, so
     * Save is the user's choice. A run of another flow opens unsaved, without a file.
     */
    private void openForReplay(dev.baton.flow.Flow recorded) {
        FlowDocument document = window.document();
        Path file = document.fileProperty().get();
        boolean sameFlow = file != null && document.flow().id().equals(recorded.id());
        if (sameFlow && document.flow().equals(recorded)) {
            document.selection().clear(); // the same flow: its undo history stays too
            return;
        }
        document.replace(recorded, sameFlow ? file : null);
        if (sameFlow) {
            document.markUnsaved();
        }
    }
}
