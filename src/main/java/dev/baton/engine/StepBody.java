package dev.baton.engine;

import dev.baton.engine.step.StepException;

/** A piece of a step's work that may fail with a {@link StepException}: an activation's body, a worker's task. */
@FunctionalInterface
interface StepBody<T> {
    T run() throws StepException;
}
