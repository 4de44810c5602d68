package dev.baton.ui.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.audit.AuditException;
import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditStore.DecisionRecord;
import dev.baton.audit.AuditStore.HandoffRecord;
import dev.baton.audit.AuditStore.RunSummary;
import dev.baton.audit.AuditStore.StoredEvent;
import dev.baton.audit.H2AuditStore;
import dev.baton.audit.RunExport;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.secret.PrivateFiles;
import dev.baton.secret.SafeText;
import dev.baton.ui.run.ReplayController;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;


import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What the audit browser shows, without any window: a page of runs (newest first, filtered by flow id, status and
 * date range), and the selected run's events, handoffs and decisions. Every database read runs on {@code background}
 * and its result is applied on {@code fx}; a database that cannot be read becomes a one-line {@link #message()}. The
 * database is opened per request, so that a live run can write to it in between.
 */
public final class AuditBrowserModel {

    /** Opens the audit database for one request. */
    @FunctionalInterface
    public interface StoreOpener {
        AuditStore open() throws AuditException;
    }

    /** One line of the selected run's event list, with the event's whole payload for its detail view. */
    public record EventRow(long seq, String time, String node, String kind, String summary, JsonNode payload) {

        /** The whole payload as indented JSON (what a double-click shows). */
        public String payloadText() {
            return payload == null ? "{}" : payload.toPrettyString();
        }
    }

    /**
     * One work transfer of the selected run, in sequence: a swarm handoff, a supervisor's delegation to a worker, or a
     * worker's answer going back. {@code text} is what went along (the context, the instruction, the answer).
     */
    public record TransferRow(long seq, String kind, String from, String to, String reason, String text) {
    }

    /** A recorded run ready to replay: the flow as it ran and a replay controller not yet started. */
    public record LoadedReplay(Flow flow, ReplayController replay) {
    }

    /** The statuses a run can end with (and RUNNING), for the status filter. */
    public static final List<String> STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "CANCELLED",
            "LIMIT_REACHED", "INTERRUPTED");

    static final int PAGE_SIZE = 50;
    private static final int SUMMARY_CHARS = 140;

    private final StoreOpener opener;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<HandoffRecord> handoffs = FXCollections.observableArrayList();
    private final ObservableList<AuditStore.ToolCallRecord> toolCalls = FXCollections.observableArrayList();
    private final ObservableList<TransferRow> transfers = FXCollections.observableArrayList();
    private final StringProperty output = new SimpleStringProperty(this, "output", "");
    /** The database file's size and time when the list was last read: a change means some process wrote to it. */
    private volatile String seenStamp = "";
    private final ObservableList<DecisionRecord> decisions = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty flowFilter = new SimpleStringProperty(this, "flowFilter", "");
    private final ObjectProperty<String> statusFilter = new SimpleObjectProperty<>(this, "statusFilter");
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>(this, "fromDate");
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>(this, "toDate");
    private final IntegerProperty page = new SimpleIntegerProperty(this, "page", 0);
    private final BooleanProperty hasMore = new SimpleBooleanProperty(this, "hasMore");
    private final ObjectProperty<RunSummary> selected = new SimpleObjectProperty<>(this, "selected");

    public AuditBrowserModel(StoreOpener opener, Executor background, Executor fx) {
        this.opener = opener;
        this.background = background;
        this.fx = fx;
    }

    /**
     * The model of one audit database file: each read opens the H2 store at {@code database} on {@code background}
     * and closes it again, so the view never touches the database itself.
     */
    public static AuditBrowserModel forDatabase(Path database, Executor background, Executor fx) {
        return new AuditBrowserModel(() -> {
            // before the first run there is no database yet: that is no error ("Audit database: no audit database
            // at … (expected the file …)" greeted a first-time user, and squeezed the Export button to "…")
            if (!java.nio.file.Files.exists(dev.baton.audit.AuditPaths.dataFile(
                    dev.baton.audit.AuditPaths.normalize(database)))) {
                throw new AuditException(NO_RUNS_YET);
            }
            return H2AuditStore.open(database);
        }, background, fx);
    }

    /** What the browser says while no run has been recorded (the database is created by the first run). */
    public static final String NO_RUNS_YET = "No runs recorded yet: the first run creates the audit database.";

    // ---- reads ----------------------------------------------------------------------------------------------

    /** Lists the first page under the current filters. */
    public CompletableFuture<Void> refresh() {
        return loadPage(0);
    }

    public CompletableFuture<Void> nextPage() {
        return hasMore.get() ? loadPage(page.get() + 1) : CompletableFuture.completedFuture(null);
    }

    public CompletableFuture<Void> previousPage() {
        return page.get() > 0 ? loadPage(page.get() - 1) : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> loadPage(int n) {
        AuditStore.RunQuery query = query();
        return read(store -> {
            seenStamp = stamp();
            return store.runs(query, n, PAGE_SIZE);
        }, p -> {
            RunSummary was = selected.get();
            runs.setAll(p.items());
            page.set(p.page());
            hasMore.set(p.hasMore());
            message.set(p.items().isEmpty() ? "No runs match." : "");
            if (was != null) {
                // the same run, re-read: a run that was RUNNING shows its end, its new events and its output
                p.items().stream().filter(r -> r.runId().equals(was.runId())).findFirst().ifPresent(this::reselect);
            }
        });
    }

    /** Listeners (the view's table selection) learn about a re-read selected run through this. */
    private java.util.function.Consumer<RunSummary> reselected = r -> select(r);

    /** What to call when a refresh re-reads the selected run (the view re-selects its table row, which selects). */
    public void onReselect(java.util.function.Consumer<RunSummary> action) {
        this.reselected = action;
    }

    private void reselect(RunSummary run) {
        reselected.accept(run);
    }

    /**
     * Re-reads the current page when the database file changed since it was last read (a run ended, here or in a
     * terminal); checks on the background executor, so a poll never blocks the FX thread.
     *
     * @param file the database's data file ({@code <db>.mv.db})
     */
    public CompletableFuture<Boolean> refreshIfChanged(Path file) {
        this.dataFile = file;
        CompletableFuture<Boolean> changed = new CompletableFuture<>();
        background.execute(() -> changed.complete(!stamp().equals(seenStamp)));
        return changed.thenCompose(c -> c ? loadPage(page.get()).thenApply(v -> true)
                : CompletableFuture.completedFuture(false));
    }

    private volatile Path dataFile;

    /** Size and modification time of the data file, or "" when unknown (no file given, or it cannot be read). */
    private String stamp() {
        Path f = dataFile;
        if (f == null) {
            return "";
        }
        try {
            return java.nio.file.Files.size(f) + "@" + java.nio.file.Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return "";
        }
    }

    /** The store query of the filters: flow id (exact), status, dates in the local time zone, to-date inclusive. */
    AuditStore.RunQuery query() {
        String flow = flowFilter.get() == null || flowFilter.get().isBlank() ? null : flowFilter.get().strip();
        ZoneId zone = ZoneId.systemDefault();
        return new AuditStore.RunQuery(flow, statusFilter.get(),
                fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant(),
                toDate.get() == null ? null : toDate.get().plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Shows {@code run}'s events, handoffs and decisions (clears them for null). */
    public CompletableFuture<Void> select(RunSummary run) {
        selected.set(run);
        if (run == null) {
            events.clear();
            handoffs.clear();
            toolCalls.clear();
            transfers.clear();
            decisions.clear();
            output.set("");
            return CompletableFuture.completedFuture(null);
        }
        record Details(List<EventRow> events, List<HandoffRecord> handoffs, List<DecisionRecord> decisions,
                       List<AuditStore.ToolCallRecord> tools) {
        }
        return read(store -> new Details(store.events(run.runId()).stream().map(AuditBrowserModel::row).toList(),
                store.handoffs(run.runId()), store.decisions(run.runId()), store.toolCalls(run.runId())), d -> {
            // a later selection wins over a slower earlier one
            if (selected.get() == run) {
                events.setAll(d.events());
                handoffs.setAll(d.handoffs());
                toolCalls.setAll(d.tools());
                transfers.setAll(transfers(d.handoffs(), d.events()));
                decisions.setAll(d.decisions());
                output.set(run.output() == null ? "" : run.output());
            }
        });
    }

    /**
     * Loads {@code run}'s recorded flow and events into a replay (not started) whose view-model is fed on
     * {@code replayFx}; fails when the run did not record its flow or the flow cannot be read.
     */
    public CompletableFuture<LoadedReplay> replay(RunSummary run, Executor replayFx) {
        return supply(store -> {
            String json = store.flowJson(run.runId()).orElseThrow(() -> new AuditException(
                    "run " + run.runId() + " did not record its flow"));
            Flow flow;
            try {
                flow = FlowJson.read(json).flow();
            } catch (FlowLoadException e) {
                throw new AuditException("the recorded flow cannot be read: " + e.getMessage());
            }
            return new LoadedReplay(flow, ReplayController.load(store, run.runId(), flow, replayFx));
        });
    }

    /** Writes {@code run} with its events as JSON (format {@code baton.audit-export/1}, as {@code baton audit export}). */
    public CompletableFuture<Path> export(RunSummary run, Path file) {
        return supply(store -> {
            String text = RunExport.json(run, store.events(run.runId()));
            // owner-only from its first moment, like every file that holds run data
            try (Writer w = PrivateFiles.newWriter(file)) {
                w.write(text);
            } catch (IOException e) {
                throw new AuditException("cannot write " + file + ": " + SafeText.reason(e));
            }
            return file;
        });
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private interface StoreRead<T> {
        T apply(AuditStore store) throws AuditException;
    }

    /** Reads on the background executor and applies the result on the FX side; failures become the message. */
    private <T> CompletableFuture<Void> read(StoreRead<T> work, java.util.function.Consumer<T> apply) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        supply(work).whenComplete((value, failure) -> fx.execute(() -> {
            if (failure == null) {
                apply.accept(value);
            }
            done.complete(null);
        }));
        return done;
    }

    /** Runs {@code work} on an opened store off the FX thread; a failure also sets the one-line message. */
    private <T> CompletableFuture<T> supply(StoreRead<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        background.execute(() -> {
            T value;
            try (AuditStore store = opener.open()) {
                value = work.apply(store);
            } catch (AuditException | RuntimeException e) {
                String line = oneLine(e);
                fx.execute(() -> message.set(line));
                result.completeExceptionally(new AuditException(line));
                return;
            }
            // completed once the store is closed: whoever goes on (a run about to write) finds the file free
            result.complete(value);
        });
        return result;
    }

    static String oneLine(Exception e) {
        if (NO_RUNS_YET.equals(e.getMessage())) {
            return NO_RUNS_YET;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return "Audit database: " + (nl < 0 ? m : m.substring(0, nl));
    }

    static EventRow row(StoredEvent e) {
        JsonNode payload = RunExport.payload(e);
        return new EventRow(e.seq(), e.time().toString(), e.nodeId() == null ? "" : e.nodeId(), e.kind(),
                summary(payload), payload);
    }

    /**
     * Handoffs (from their table, with the context passed) and a supervisor's delegations and returns (from the
     * events: they are decisions in the store, but a user looks for them beside the handoffs), in sequence.
     */
    static List<TransferRow> transfers(List<HandoffRecord> handoffs, List<EventRow> events) {
        List<TransferRow> rows = new java.util.ArrayList<>();
        for (HandoffRecord h : handoffs) {
            rows.add(new TransferRow(h.seq(), "handoff", h.from(), h.to(), h.reason(),
                    h.contextMode() + ": " + h.context()));
        }
        for (EventRow e : events) {
            JsonNode p = e.payload();
            if ("Delegated".equals(e.kind())) {
                rows.add(new TransferRow(e.seq(), "delegation", p.path("supervisor").asText(""),
                        p.path("worker").asText(""), "instruction", p.path("instruction").asText("")));
            } else if ("DelegationReturned".equals(e.kind())) {
                rows.add(new TransferRow(e.seq(), "answer", p.path("worker").asText(""),
                        p.path("supervisor").asText(""), "worker's answer", p.path("output").asText("")));
            }
        }
        rows.sort(java.util.Comparator.comparingLong(TransferRow::seq));
        return rows;
    }

    /** "field=value" pairs of the payload's plain fields, on one shortened line. */
    static String summary(JsonNode payload) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, JsonNode> f : payload.properties()) {
            if (b.length() >= SUMMARY_CHARS) {
                break;
            }
            if (f.getValue().isNull() || f.getValue().isContainerNode()) {
                continue;
            }
            if (b.length() > 0) {
                b.append("  ");
            }
            b.append(f.getKey()).append('=').append(f.getValue().asText().replaceAll("\\s+", " "));
        }
        return b.length() <= SUMMARY_CHARS ? b.toString() : b.substring(0, SUMMARY_CHARS - 1) + "…";
    }

    // ---- state ----------------------------------------------------------------------------------------------

    public ObservableList<RunSummary> runs() {
        return runs;
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    /** The selected run's tool calls as recorded (arguments, result or error, time, size): nothing is called. */
    public ObservableList<AuditStore.ToolCallRecord> toolCalls() {
        return toolCalls;
    }

    public ObservableList<HandoffRecord> handoffs() {
        return handoffs;
    }

    /** Handoffs, delegations and workers' answers of the selected run, in sequence. */
    public ObservableList<TransferRow> transfers() {
        return transfers;
    }

    /** The selected run's final output ("" while it has none). */
    public StringProperty output() {
        return output;
    }

    public ObservableList<DecisionRecord> decisions() {
        return decisions;
    }

    /** One line: why the database cannot be read, or that nothing matches; empty otherwise. */
    public StringProperty message() {
        return message;
    }

    public StringProperty flowFilter() {
        return flowFilter;
    }

    public ObjectProperty<String> statusFilter() {
        return statusFilter;
    }

    public ObjectProperty<LocalDate> fromDate() {
        return fromDate;
    }

    public ObjectProperty<LocalDate> toDate() {
        return toDate;
    }

    public IntegerProperty page() {
        return page;
    }

    public BooleanProperty hasMore() {
        return hasMore;
    }

    public ObjectProperty<RunSummary> selected() {
        return selected;
    }
}
