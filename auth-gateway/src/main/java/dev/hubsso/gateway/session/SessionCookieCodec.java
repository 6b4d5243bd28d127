package dev.hubsso.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals {@link SessionClaims} into a cookie value and opens it again, with AES-256-GCM under keys
 * from configuration, so that every replica and every restart accepts the others' cookies.
 *
 * <p>Format: {@code v1.<key id>.<base64url(12-byte nonce || ciphertext || tag)>}. The key id and
 * the version are authenticated as associated data, so a cookie cannot be moved to another key.
 * The first key seals; every key opens, which lets operators rotate: add the new key first, keep
 * the old one until the longest session has expired, then remove it.
 *
 * <p>{@link #open} never throws on bad input: a tampered, truncated, foreign-key or malformed
 * value is simply {@link Optional#empty()}.
 */
public final class SessionCookieCodec {

    /** Minimum length of a key id; ids are used in the cookie and must be URL-safe. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sealingKeyId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys {@code <key id>:<base64 of 32 bytes>} entries; the first one seals new cookies
     * @throws IllegalArgumentException if there is no key or one is malformed (the message never
     *         contains key material)
     */
    public SessionCookieCodec(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("at least one session key is required (hub.gateway.session.keys)");
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : keys) {
            int colon = entry == null ? -1 : entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a session key must look like <key id>:<base64 of 32 bytes>");
            }
            String id = entry.substring(0, colon).trim();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("session key id must match " + KEY_ID.pattern() + ": " + id);
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("session key " + id + " is not base64");
            }
            if (material.length != 32) {
                throw new IllegalArgumentException("session key " + id + " must be 32 bytes (AES-256), not "
                        + material.length);
            }
            if (parsed.putIfAbsent(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException("session key id " + id + " is used twice");
            }
        }
        this.keys = Map.copyOf(parsed);
        this.sealingKeyId = parsed.keySet().iterator().next();
    }

    /** The id of the key that seals new cookies. */
    public String sealingKeyId() {
        return sealingKeyId;
    }

    /** The cookie value for these claims. */
    public String seal(SessionClaims claims) {
        ObjectNode body = JSON.createObjectNode()
                .put("sid", claims.sessionId())
                .put("uid", claims.userId())
                .put("amr", claims.authMethod())
                .put("iat", claims.authTime().toEpochMilli())
                .put("exp", claims.expiresAt().toEpochMilli());
        if (claims.orgId() != null) {
            body.put("org", claims.orgId());
        }
        byte[] plain = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(sealingKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(sealingKeyId));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + "." + sealingKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is a required JDK algorithm", e);
        }
    }

    /** The claims of a cookie value sealed by one of the configured keys; empty for anything else. */
    public Optional<SessionClaims> open(String value) {
        if (value == null || value.length() > 4096) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1]));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            JsonNode body = JSON.readTree(plain);
            return Optional.of(new SessionClaims(text(body, "sid"), text(body, "uid"),
                    body.hasNonNull("org") ? body.get("org").asText() : null, text(body, "amr"),
                    Instant.ofEpochMilli(number(body, "iat")), Instant.ofEpochMilli(number(body, "exp"))));
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static byte[] aad(String keyId) {
        return (VERSION + "." + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return n.asText();
    }

    private static long number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.canConvertToLong()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return n.asLong();
    }
}
