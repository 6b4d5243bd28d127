package dev.hubsso.provisioning.tokens;

import dev.hubsso.events.OrgConfig.ScimTokenHash;
import java.security.SecureRandom;
import java.util.Base64;

/** SCIM token strings and their hashes. No framework imports. */
public final class TokenSecrets {

    /** Prefix of every SCIM token, so that secret scanners can recognize a leaked one. */
    public static final String PREFIX = "scim_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    /** A new token: {@code scim_} followed by 32 random bytes in unpadded base64url. */
    public static String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored hash of a token, as scim-service checks it ({@link ScimTokenHash#digest}). */
    public static String sha256Hex(String token) {
        return ScimTokenHash.digest(token);
    }
}
