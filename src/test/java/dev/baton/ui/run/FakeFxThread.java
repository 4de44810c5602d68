package dev.baton.ui.run;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A single thread standing in for the FX application thread in view-model tests (no toolkit, no stage). */
final class FakeFxThread implements AutoCloseable {

    final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-fx");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task} on the fake FX thread and waits for its value. */
    <T> T call(Callable<T> task) throws Exception {
        return executor.submit(task).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
