package dev.baton.engine;

import java.util.Objects;

/**
 * What to run a flow with.
 *
 * @param input             the run input that enters at START
 * @param humanInput        answers HUMAN questions; null to wait for {@link RunHandle#answer} instead
 * @param humanInputAllowed false makes any question to a person fail the run (the CLI's {@code --no-input})
 */
public record RunRequest(String input, HumanInputHandler humanInput, boolean humanInputAllowed) {

    public RunRequest {
        Objects.requireNonNull(input, "input");
    }

    /** Input only; questions to a person wait for {@link RunHandle#answer}. */
    public static RunRequest of(String input) {
        return new RunRequest(input, null, true);
    }

    public RunRequest withHumanInput(HumanInputHandler handler) {
        return new RunRequest(input, handler, true);
    }

    public RunRequest withoutHumanInput() {
        return new RunRequest(input, null, false);
    }
}
