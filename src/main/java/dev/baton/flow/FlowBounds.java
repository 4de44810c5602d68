package dev.baton.flow;

/**
 * The largest values a flow may hold and the largest texts a run may carry. The validator refuses a flow beyond them
 * (each message says why the bound is where it is) and the engine stops a run whose texts outgrow them, so that a
 * valid flow cannot fill the disk, the memory or the clock.
 */
public final class FlowBounds {

    /** Model calls one activation may make: each is a paid call; more than this is a loop, not a plan. */
    public static final int MAX_TURNS_PER_AGENT = 1_000;
    /** Handoffs in one run: a swarm that needs more is passing the request around, not answering it. */
    public static final int MAX_HANDOFFS = 10_000;
    /** Retries of one critic loop: each re-runs the producer; more than this will not converge either. */
    public static final int MAX_CRITIC_RETRIES = 100;
    /** One agent activation: a day. */
    public static final long MAX_AGENT_TIMEOUT_SECONDS = 86_400;
    /** One run: a week. */
    public static final long MAX_RUN_DEADLINE_SECONDS = 604_800;
    /** Tokens one run may spend: a billion tokens cost thousands of dollars at list price. */
    public static final long MAX_RUN_TOKEN_BUDGET = 1_000_000_000L;
    /** Characters of one model output (about 250,000 tokens, more than any model writes in one reply). */
    public static final int MAX_OUTPUT_CHARS = 1_000_000;
    /** Characters of one node input, context or answer (about a million tokens, the largest context windows). */
    public static final int MAX_CONTEXT_CHARS = 4_000_000;
    /** Tokens one edge may pass: a context of {@link #MAX_CONTEXT_CHARS} characters. */
    public static final int MAX_EDGE_TOKEN_BUDGET = 1_000_000;
    /** Characters of a regex check: a readable pattern is short, and a long one can take seconds to compile and run. */
    public static final int MAX_REGEX_CHARS = 1_000;
    /** Phrases of one mustContain check. */
    public static final int MAX_PHRASES = 100;
    /** Characters of one mustContain phrase. */
    public static final int MAX_PHRASE_CHARS = 1_000;
    /** Characters of a jsonSchema check's schema (compact JSON). */
    public static final int MAX_SCHEMA_CHARS = 65_536;
    /** Distance of a node from the canvas origin, in canvas units: far beyond any real layout, within float precision. */
    public static final double MAX_POSITION = 1_000_000;
    /**
     * Character reads one regex check may make at run time (about a second of matching on a 2-core machine):
     * counted, not timed, so that a check decides the same on every machine and on a Temporal replay.
     */
    public static final long REGEX_MATCH_READS = 100_000_000L;

    private FlowBounds() {
    }
}
