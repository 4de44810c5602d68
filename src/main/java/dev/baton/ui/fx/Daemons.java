package dev.baton.ui.fx;

import java.util.concurrent.ThreadFactory;

/** Threads the UI starts for work off the FX thread: named (they show in thread dumps), daemon (never keep the app). */
public final class Daemons {

    private Daemons() {
    }

    /** A factory of daemon threads called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
