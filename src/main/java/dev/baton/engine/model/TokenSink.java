package dev.baton.engine.model;

/** Receives streamed text as the model produces it. Called on the model's thread; must not block. */
@FunctionalInterface
public interface TokenSink {
    /** A sink that drops everything. */
    TokenSink NONE = chunk -> { };

    void onToken(String chunk);
}
