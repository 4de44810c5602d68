package dev.baton.tool.builtin;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts the http tools may reach: {@code example.com} (that host), {@code *.example.com} (its sub-domains, not
 * itself), either with {@code :port} to allow that port only. Only http and https URLs pass; no user-info.
 */
public final class HostAllowList {

    private final List<String> entries;

    public HostAllowList(List<String> entries) {
        this.entries = entries == null ? List.of()
                : entries.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    /** The entries as given (lower case). */
    public List<String> entries() {
        return entries;
    }

    /** Null when the URL may be fetched, else why not (one line, for the model). */
    public String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https URLs are allowed, not '" + (scheme.isEmpty() ? uri : scheme + ":") + "'";
        }
        if (uri.getRawUserInfo() != null) {
            return "URLs with a user name or password are not allowed";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "the URL has no host";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (String entry : entries) {
            if (matches(entry, host, port)) {
                return null;
            }
        }
        return "the host '" + host + "' is not on this flow's http allow-list"
                + (entries.isEmpty() ? " (the list is empty)" : " (" + String.join(", ", entries) + ")");
    }

    private static boolean matches(String entry, String host, int port) {
        String pattern = entry;
        int colon = entry.lastIndexOf(':');
        if (colon > 0 && entry.indexOf(']') < colon) {
            String p = entry.substring(colon + 1);
            pattern = entry.substring(0, colon);
            try {
                if (Integer.parseInt(p) != port) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
        }
        return host.equals(pattern);
    }
}
