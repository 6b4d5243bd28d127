package dev.hubsso.gateway.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API token format: {@code hub_} followed by 32 random bytes in unpadded base64url (43
 * characters). Only the SHA-256 of the whole string is stored; the token has enough entropy
 * that a plain (unsalted, fast) hash is safe, and it lets a lookup go by hash.
 */
public final class TokenCredentials {

    /** Prefix of every API token; lets secret scanners recognize leaked tokens. */
    public static final String PREFIX = "hub_";
    private static final int RANDOM_BYTES = 32;
    private static final int ENCODED_LENGTH = 43;
    private static final String BEARER = "Bearer ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenCredentials::newDigest);

    private TokenCredentials() {
    }

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + ENCODER.encodeToString(bytes);
    }

    /** SHA-256 of a token, lowercase hex: what is stored and looked up. */
    public static String hash(String token) {
        return HEX.formatHex(sha256(token));
    }

    /** SHA-256 of a string's UTF-8 bytes. */
    public static byte[] sha256(String value) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The API token in an {@code Authorization} header value, or null when the header is missing,
     * is not a bearer credential, or does not have the exact token shape (so garbage never costs a
     * database read).
     */
    public static String fromAuthorization(String authorization) {
        if (authorization == null || authorization.length() != BEARER.length() + PREFIX.length() + ENCODED_LENGTH
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length());
        return isWellFormed(token) ? token : null;
    }

    /** True if the string has the shape of an API token. */
    public static boolean isWellFormed(String token) {
        if (token.length() != PREFIX.length() + ENCODED_LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The bearer credential of an {@code Authorization} header value, whatever its shape, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
