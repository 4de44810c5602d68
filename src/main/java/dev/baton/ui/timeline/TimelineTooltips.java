package dev.baton.ui.timeline;

import dev.baton.ui.run.RunTimeline;
import dev.baton.ui.run.TimelineArrow;
import dev.baton.ui.run.TimelineBar;
import dev.baton.ui.run.ToolCallRecord;

import java.util.Locale;

/** The hover texts of the timeline: a model call's agent, turn, tokens, latency and cost; an arrow's kind and context. */
final class TimelineTooltips {

    private TimelineTooltips() {
    }

    /**
     * @param liveNowMs  where an open call stands
     * @param simulated  the run is on the simulated model: calls cost nothing
     */
    static String bar(RunTimeline t, TimelineBar b, double liveNowMs, boolean simulated) {
        StringBuilder s = new StringBuilder(t.label(b.lane())).append(" · turn ").append(b.turn());
        if (b.open()) {
            return s.append("\ncalling the model… ").append(seconds((long) Math.max(0, liveNowMs - b.startMs())))
                    .append(" so far").toString();
        }
        if (b.failed()) {
            return s.append("\nfailed after ").append(seconds(b.endMs() - b.startMs())).toString();
        }
        if (!b.answered()) {
            return s.append("\nno answer: the run ended after ").append(seconds(b.endMs() - b.startMs())).toString();
        }
        s.append(String.format(Locale.ROOT, "%n%,d tokens (%,d in · %,d out)", b.tokens(), b.inputTokens(),
                b.outputTokens()));
        s.append('\n').append(seconds(b.latencyMs())).append(" latency · ");
        if (simulated) {
            s.append("simulated — $0");
        } else if (b.costUsd() == null) {
            s.append("price unknown");
        } else {
            s.append(String.format(Locale.ROOT, "$%.4f", b.costUsd()));
        }
        s.append('\n').append(b.model());
        t.activationOf(b).filter(a -> a.waitedMs() > 0).ifPresent(a -> s.append("\nits activation: ")
                .append(seconds(a.latencyMs())).append(" of its own · waited ").append(seconds(a.waitedMs()))
                .append(" (breakpoint or a person)"));
        return s.toString();
    }

    /** Arguments and result are cut to this many characters: a hover is a glance, the inspection has the rest. */
    static final int TOOL_EXCERPT = 240;

    /** A tool call: which tool, its status and time, then the arguments and the result in excerpts. */
    static String tool(RunTimeline t, ToolCallRecord r, double liveNowMs) {
        StringBuilder s = new StringBuilder("Tool ").append(r.label()).append(" · ").append(t.label(r.nodeId()));
        if (r.open()) {
            s.append("\nrunning… ").append(seconds((long) Math.max(0, liveNowMs - r.startMs()))).append(" so far");
        } else {
            s.append("\n").append(r.status().word()).append(" · ").append(seconds(r.durationMs())).append(" · ")
                    .append(r.bytes()).append(" bytes").append(r.truncated() ? " (truncated)" : "");
        }
        s.append("\narguments: ").append(ToolCallRecord.excerpt(r.argumentsJson(), TOOL_EXCERPT));
        if (!r.open()) {
            s.append("\nresult: ").append(ToolCallRecord.excerpt(r.content(), TOOL_EXCERPT));
        }
        return s.toString();
    }

    static String arrow(RunTimeline t, TimelineArrow a) {
        String route = t.label(a.fromLane()) + " → " + t.label(a.toLane());
        return switch (a.kind()) {
            case HANDOFF -> "Handoff: " + route + "\ncontext: " + orFull(a.context());
            case DELEGATION -> "Delegation: " + route + "\ncontext: " + orFull(a.context());
            case RETURN -> "Return: " + route + "\nthe worker's answer, as the supervisor's tool result";
            case REJECTION -> "Critic rejection: " + route + "\nthe node runs again with the critic's feedback";
            default -> a.kind().name().toLowerCase(Locale.ROOT) + ": " + route;
        };
    }

    /** The hover text of what {@link TimelineHits#at} found, or null where there is nothing to say. */
    static String of(Object hit, RunTimeline t, double liveNow, boolean simulated) {
        if (hit instanceof TimelineBar b) {
            return TimelineTooltips.bar(t, b, liveNow, simulated);
        }
        if (hit instanceof TimelineArrow a) {
            return TimelineTooltips.arrow(t, a);
        }
        if (hit instanceof ToolCallRecord r) {
            return TimelineTooltips.tool(t, r, liveNow);
        }
        if (hit instanceof String lane) {
            // the whole name, which the column may have cut, and the node's id
            String label = t.label(lane);
            return label.equals(lane) ? label : label + " (" + lane + ")";
        }
        return null;
    }

    private static String orFull(String context) {
        return context.isBlank() ? "FULL" : context;
    }

    /** "850 ms", "1.2 s", "2 min 5 s". */
    static String seconds(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return ms / 60_000 + " min " + (ms % 60_000) / 1000 + " s";
    }
}
