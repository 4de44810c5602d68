package dev.baton.flow;

import java.util.Locale;
import java.util.Optional;

/** What happens when an agent calls a tool: it runs ({@code auto}), a human is asked first, or it is refused. */
public enum ApprovalPolicy {
    AUTO, ASK, DENY;

    /** The lower-case word used in flow files and on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named by a word (any case), if it is one. */
    public static Optional<ApprovalPolicy> of(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (ApprovalPolicy p : values()) {
            if (p.word().equals(word.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
