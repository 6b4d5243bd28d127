package dev.hubsso.gateway.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a login sends the browser once the session is set: a path on this site only. Anything
 * that a browser could read as another origin ({@code https://evil}, {@code //evil},
 * {@code /\evil}, schemes, control characters) is refused, so {@code /login} is never an open
 * redirect. No framework imports.
 */
public final class RedirectTarget {

    /** Where a login goes when it was not told. */
    public static final String DEFAULT = "/";

    /** Longest accepted target. */
    public static final int MAX_LENGTH = 2048;

    private RedirectTarget() {
    }

    /**
     * The same-origin path to redirect to: {@link #DEFAULT} when {@code requested} is absent, empty
     * when it is not an acceptable relative path.
     */
    public static Optional<String> of(String requested) {
        if (requested == null || requested.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        if (requested.length() > MAX_LENGTH || !requested.startsWith("/") || requested.startsWith("//")) {
            return Optional.empty();
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            // Browsers treat '\' like '/' ("/\evil.com" is protocol-relative) and drop tabs and newlines.
            if (c == '\\' || c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(requested);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/")) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(requested);
    }
}
