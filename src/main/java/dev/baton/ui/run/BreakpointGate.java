package dev.baton.ui.run;

import dev.baton.engine.RunGate;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine-side half of breakpoints: on the engine thread, when a breakpoint matches, it hands a
 * {@link BreakpointHit} to the UI and waits (the one deliberate wait on an engine thread) until the user lets the run
 * go on, the run is cancelled (the engine interrupts this wait), or {@code maxWait} passes (then the run goes on
 * unchanged: the run deadline ends it anyway). A run the controller has given up ({@code abandoned}: Cancel pressed
 * before the engine had a handle to cancel) stops at its next gate.
 */
final class BreakpointGate implements RunGate {

    private final Breakpoints breakpoints;
    private final Consumer<BreakpointHit> onHit;
    private final Duration maxWait;
    private final BooleanSupplier abandoned;

    BreakpointGate(Breakpoints breakpoints, Consumer<BreakpointHit> onHit, Duration maxWait,
                   BooleanSupplier abandoned) {
        this.breakpoints = breakpoints;
        this.onHit = onHit;
        this.maxWait = maxWait;
        this.abandoned = abandoned;
    }

    @Override
    public String beforeNode(String runId, AgentNode node, int attempt, String input) throws InterruptedException {
        stopIfAbandoned();
        if (!breakpoints.hasNode(node.id())) {
            return input;
        }
        return hold(new BreakpointHit(BreakpointHit.Kind.NODE, node.id(), "", "", attempt, input,
                new CompletableFuture<>()));
    }

    @Override
    public String beforeHandoff(String runId, Edge edge, String context) throws InterruptedException {
        stopIfAbandoned();
        if (!breakpoints.hasHandoff(edge.id())) {
            return context;
        }
        return hold(new BreakpointHit(BreakpointHit.Kind.HANDOFF, edge.to(), edge.id(), edge.from(), 1, context,
                new CompletableFuture<>()));
    }

    /** The engine turns an interrupted gate into a CANCELLED end (the same path as a cancelled breakpoint wait). */
    private void stopIfAbandoned() throws InterruptedException {
        if (abandoned.getAsBoolean()) {
            throw new InterruptedException("cancelled by the user");
        }
    }

    private String hold(BreakpointHit hit) throws InterruptedException {
        onHit.accept(hit);
        try {
            return hit.release().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            hit.proceed();
            return hit.text();
        } catch (ExecutionException e) {
            // released exceptionally = the controller gave the run up (cancel): behave like an interrupt
            throw new InterruptedException("breakpoint abandoned: " + e.getCause().getMessage());
        }
    }
}
