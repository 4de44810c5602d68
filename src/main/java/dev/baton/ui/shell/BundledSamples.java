package dev.baton.ui.shell;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The sample flows bundled in the jar, with the files beside them (the support swarm's invoices, the MCP review's
 * notes), copied out into a folder of Baton's home so a sample opened from the welcome page finds what its relative
 * paths name. The folder is named by a digest of the bundled files: a newer Baton gets a folder of its own, and no
 * existing file is ever overwritten (a file is written to a temporary name and moved into place, so a kill never
 * leaves half of one).
 */
final class BundledSamples {

    static final String ROOT = "/dev/baton/samples/";

    /** Baton's home → the folder its samples were copied into by this process: the bundle is read once. */
    private static final Map<Path, Path> COPIED = new ConcurrentHashMap<>();

    private BundledSamples() {
    }

    /**
     * Copies the bundled samples into {@code home/samples/DIGEST/} (what is missing there) and returns where the
     * sample {@code name} is.
     *
     * @throws IOException when the bundled files cannot be read or the copy cannot be written
     */
    static Path copyOut(Path home, String name) throws IOException {
        Path done = COPIED.get(home);
        if (done != null && Files.isRegularFile(done.resolve(name))) {
            return done.resolve(name);
        }
        Map<String, byte[]> files = read();
        if (!files.containsKey(name)) {
            throw new IOException("the sample " + name + " is not in this build");
        }
        Path folder = home.resolve("samples").resolve(digest(files));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = folder.resolve(f.getKey()).normalize();
            if (!target.startsWith(folder) || Files.exists(target)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, f.getValue());
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        COPIED.put(home, folder);
        return folder.resolve(name);
    }

    /** Every bundled file by its path below {@link #ROOT} ('/' separated), in a stable order. */
    static Map<String, byte[]> read() throws IOException {
        URL anchor = BundledSamples.class.getResource(ROOT);
        if (anchor == null) {
            throw new IOException("no samples in this build");
        }
        URI uri;
        try {
            uri = anchor.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the bundled samples: " + e.getMessage(), e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            boolean opened = false;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            try {
                return readTree(fs.getPath(ROOT));
            } finally {
                if (opened) {
                    fs.close();
                }
            }
        }
        return readTree(Path.of(uri));
    }

    private static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                files.put(rel, Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
