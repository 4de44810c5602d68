package dev.baton.flow.io;

/** A 1-based line and column in a flow file. */
public record TextLocation(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
