package dev.baton.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Baton's version, read from a resource that Maven fills in at build time. */
public final class BatonVersion implements CommandLine.IVersionProvider {

    /** The version string, e.g. "0.1.0-SNAPSHOT", or "unknown" when run from unbuilt sources. */
    public static String version() {
        try (InputStream in = BatonVersion.class.getResourceAsStream("/dev/baton/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "Baton " + version(),
            "flow format baton.flow/1 · Java " + System.getProperty("java.version")
        };
    }
}
