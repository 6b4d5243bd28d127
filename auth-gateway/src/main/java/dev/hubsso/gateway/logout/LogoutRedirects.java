package dev.hubsso.gateway.logout;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a browser may be sent after logout: only somewhere on the gateway's own origin. No
 * framework imports; unit-tested with a table of cases.
 */
public final class LogoutRedirects {

    private LogoutRedirects() {
    }

    /** {@code scheme://host[:port]} of a URL, lower-cased, without a default port. */
    public static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (defaultPort ? "" : ":" + port);
    }

    /**
     * The absolute URL of {@code redirect} if it is a path of this site or a URL of the same
     * origin; null for anything else (another origin, a scheme-relative {@code //host}, userinfo,
     * control characters or backslashes, which browsers read in surprising ways).
     *
     * @param origin the gateway's origin, as {@link #origin} gives it
     */
    public static String sameOrigin(String redirect, String origin) {
        if (redirect == null || redirect.isEmpty() || redirect.length() > 2048) {
            return null;
        }
        for (int i = 0; i < redirect.length(); i++) {
            char c = redirect.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        if (redirect.startsWith("/")) {
            if (redirect.startsWith("//")) {
                return null;
            }
            return parses(origin + redirect) ? origin + redirect : null;
        }
        try {
            URI uri = new URI(redirect);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                return null;
            }
            return origin(uri).equals(origin) ? redirect : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean parses(String url) {
        try {
            new URI(url);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
