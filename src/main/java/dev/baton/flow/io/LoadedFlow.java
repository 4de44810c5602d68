package dev.baton.flow.io;

import dev.baton.flow.Flow;

/** A flow read from JSON, with where each of its parts sits in the text. */
public record LoadedFlow(Flow flow, SourceMap sourceMap) {
}
