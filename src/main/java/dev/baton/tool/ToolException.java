package dev.baton.tool;

/** A tool's failure told to the model as the result of its call, in one line (the run goes on). */
public class ToolException extends Exception {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
