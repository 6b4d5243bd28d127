package dev.hubsso.gateway.login;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where an org's IdP client secret lives, from the {@code clientSecretRef} of its
 * {@link dev.hubsso.events.OrgConfig.IdpConnection} (org snapshots never carry the secret itself).
 *
 * <ul>
 *   <li>none ({@code null} or blank): a public client, authenticated by PKCE alone;</li>
 *   <li>{@code env:NAME}: the environment variable {@code NAME};</li>
 *   <li>{@code file:/path}: the file's contents, trimmed (a mounted Kubernetes secret);</li>
 *   <li>anything else ({@code vault:...}, typos): not resolvable here, so that org's login fails
 *       closed with 503 rather than falling back to a public client.</li>
 * </ul>
 *
 * <p>No framework imports; reading the file is left to the caller, which does it without blocking.
 * Nothing here ever puts a secret into a message.
 */
public final class ClientSecrets {

    /** Largest secret file read; a secret is a few dozen bytes, anything bigger is a wrong path. */
    public static final int MAX_FILE_BYTES = 16 * 1024;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ClientSecrets() {
    }

    /** A parsed {@code clientSecretRef}. */
    public sealed interface Ref permits PublicClient, Env, File, Unsupported {
    }

    /** No secret: a public client (PKCE only). */
    public record PublicClient() implements Ref {
    }

    /** An environment variable. */
    public record Env(String name) implements Ref {
    }

    /** A file, e.g. a mounted Kubernetes secret. */
    public record File(String path) implements Ref {
    }

    /**
     * A reference this gateway cannot resolve.
     *
     * @param reason why, without the secret (there is none to leak: only the reference's scheme)
     */
    public record Unsupported(String reason) implements Ref {
    }

    /** Parses a {@code clientSecretRef}. */
    public static Ref parse(String ref) {
        if (ref == null || ref.isBlank()) {
            return new PublicClient();
        }
        String r = ref.trim();
        int colon = r.indexOf(':');
        String scheme = colon < 0 ? "" : r.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : r.substring(colon + 1);
        switch (scheme) {
            case "env":
                return ENV_NAME.matcher(rest).matches() ? new Env(rest)
                        : new Unsupported("env: reference without a valid variable name");
            case "file":
                return rest.startsWith("/") && !rest.contains("\0") ? new File(rest)
                        : new Unsupported("file: reference without an absolute path");
            default:
                return new Unsupported(scheme.isEmpty() ? "reference without a scheme"
                        : "unsupported secret store '" + scheme + ":' (use env: or file:)");
        }
    }

    /** The value of an environment variable reference, if it is set and not blank. */
    public static Optional<String> fromEnv(Env ref, Function<String, String> environment) {
        return nonBlank(environment.apply(ref.name()));
    }

    /** The secret held by a file's contents: trimmed (mounted secrets often end with a newline), not blank. */
    public static Optional<String> fromFileContent(String content) {
        return nonBlank(content);
    }

    private static Optional<String> nonBlank(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
