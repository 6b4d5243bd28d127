package dev.hubsso.gateway.login;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of an ID token that quarkus-oidc has verified (signature against the issuer's JWKS,
 * issuer, audience, expiry, nonce), read once more here so that provisioning receives every claim
 * and so that the gateway itself refuses a token whose header names an algorithm it would never
 * accept, whatever the library in front of it did. No framework imports.
 *
 * @param issuer {@code iss}
 * @param subject {@code sub}
 * @param email {@code email}, or null
 * @param emailVerified {@code email_verified}, or null when absent
 * @param idpSessionId {@code sid}, or null (back-channel logout names it)
 * @param authTime {@code auth_time}, or null
 * @param nonce {@code nonce}: one per code flow, so it names the login attempt
 * @param claims every claim
 */
public record VerifiedLogin(String issuer, String subject, String email, Boolean emailVerified, String idpSessionId,
        Instant authTime, String nonce, Map<String, Object> claims) {

    /**
     * Signature algorithms an IdP's ID token may use: asymmetric only. {@code none} and the HMAC
     * family are refused (an HS256 token "signed" with a public key is the classic confusion).
     */
    public static final Set<String> ACCEPTED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * Reads a compact JWS ID token. Empty when it is not one, when its algorithm is not in
     * {@link #ACCEPTED_ALGORITHMS}, or when {@code iss}, {@code sub} or {@code nonce} is missing.
     */
    public static Optional<VerifiedLogin> read(String rawIdToken) {
        if (rawIdToken == null) {
            return Optional.empty();
        }
        String[] parts = rawIdToken.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = decode(parts[0]);
            if (!(header.get("alg") instanceof String alg) || !ACCEPTED_ALGORITHMS.contains(alg)) {
                return Optional.empty();
            }
            Map<String, Object> claims = decode(parts[1]);
            String iss = text(claims.get("iss"));
            String sub = text(claims.get("sub"));
            String nonce = text(claims.get("nonce"));
            if (iss == null || sub == null || nonce == null) {
                return Optional.empty();
            }
            Object verified = claims.get("email_verified");
            Boolean emailVerified = verified instanceof Boolean b ? b
                    : verified instanceof String s ? Boolean.valueOf(s) : null;
            Instant authTime = claims.get("auth_time") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
            return Optional.of(new VerifiedLogin(iss, sub, text(claims.get("email")), emailVerified,
                    text(claims.get("sid")), authTime, nonce, claims));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> decode(String part) throws java.io.IOException {
        return JSON.readValue(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8), MAP);
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
