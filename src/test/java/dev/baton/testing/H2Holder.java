package dev.baton.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

/**
 * Another program holding an audit database: a child JVM that opens the file with plain H2, as an H2 tool or an older
 * Baton would, and keeps it open until closed (or two minutes pass).
 */
public final class H2Holder implements AutoCloseable {

    private final Process process;

    private H2Holder(Process process) {
        this.process = process;
    }

    /** Starts the holder on the database {@code db} (path without {@code .mv.db}) and returns once it holds it. */
    public static H2Holder hold(Path db) throws Exception {
        Path ready = Files.createTempFile("h2-holder", ".ready");
        Files.delete(ready);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2Holder.class.getName(), db.toAbsolutePath().toString(),
                ready.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (!Files.deleteIfExists(ready)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("the holder did not open " + db);
        }
        return new H2Holder(p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The child: {@code db ready-file}. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[0], "sa", "")) {
            c.createStatement().executeQuery("SELECT COUNT(*) FROM runs").close();
            Files.writeString(Path.of(args[1]), "ready");
            Thread.sleep(120_000);
        }
    }
}
