package dev.baton.flow;

/** How a rule router tests its input against a route's condition. */
public enum RouteOp {
    /** The text contains the value, ignoring case. */
    CONTAINS,
    /** The text contains a match of the value as a regular expression (bounded in time). */
    REGEX,
    /** The input is JSON and its field equals the value (as text, or as a number when both are numbers). */
    JSON_EQUALS,
    /** The input is JSON and its field is a number greater than the value. */
    JSON_GREATER
}
