package dev.baton.engine;

import java.util.Objects;

/**
 * What to run a flow with.
 *
 * @param input             the run input that enters at START
 * @param humanInput        answers HUMAN questions; null to wait for {@link RunHandle#answer} instead
 * @param humanInputAllowed false makes any question to a person fail the run (the CLI's {@code --no-input})
 * @param gate              breakpoints in front of node starts and handoffs; {@link RunGate#OPEN} for none
 */
public record RunRequest(String input, HumanInputHandler humanInput, boolean humanInputAllowed, RunGate gate) {

    public RunRequest {
        Objects.requireNonNull(input, "input");
        gate = gate == null ? RunGate.OPEN : gate;
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
        return new RunRequest(input, handler, true, gate);
    }

    public RunRequest withoutHumanInput() {
        return new RunRequest(input, null, false, gate);
    }

    /** The same request stopping at {@code newGate} before node starts and handoffs. */
    public RunRequest withGate(RunGate newGate) {
        return new RunRequest(input, humanInput, humanInputAllowed, newGate);
    }
}
