package dev.baton.run;

/**
 * A run that did not start because something it writes to could not be opened (the audit database, the events file,
 * the OTLP sender); nothing of it was written and every file it found is as it was.
 */
public final class LaunchRefused extends Exception {

    private final transient RunProblem problem;

    LaunchRefused(RunProblem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    /** The problem, with a kind the front end maps to its answer. */
    public RunProblem problem() {
        return problem;
    }
}
