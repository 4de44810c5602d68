package dev.baton.flow;

/** A node's place on the canvas, in canvas units (not screen pixels). */
public record Position(double x, double y) {
    /** The origin. */
    public static final Position ORIGIN = new Position(0, 0);
}
