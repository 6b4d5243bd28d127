package dev.hubsso.gateway.logout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Validates an OpenID Connect Back-Channel Logout 1.0 logout token (§2.6) against one org's IdP:
 * a JWS signed by one of the IdP's keys with an asymmetric algorithm (RS*, PS*, ES*; never
 * {@code none}, never HS*), {@code iss} the IdP's issuer, {@code aud} containing the org's client
 * id, {@code iat} present and neither in the future nor older than the max age (with skew),
 * {@code exp} not passed if present, a {@code jti}, an {@code events} object holding the
 * back-channel-logout event, no {@code nonce}, and a {@code sid} or a {@code sub}.
 *
 * <p>No framework imports: unit-testable, and the only place that decides what a valid logout
 * token is. Replay ({@code jti} seen before) is checked by the caller, against the database.
 */
public final class LogoutTokenVerifier {

    /** The event a logout token must carry. */
    public static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** Signature algorithms accepted: asymmetric only. */
    public static final Set<String> ALLOWED_ALGORITHMS = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);

    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private LogoutTokenVerifier() {
    }

    /**
     * A validated logout token.
     *
     * @param jti its unique id (replay key)
     * @param sid the IdP session to end, or null
     * @param sub the IdP subject whose sessions to end, or null (one of sid and sub is set)
     * @param issuedAt its {@code iat}
     */
    public record LogoutToken(String jti, String sid, String sub, Instant issuedAt) {
    }

    /**
     * What the token must match.
     *
     * @param issuer the org's IdP issuer
     * @param clientId the org's client id at the IdP
     * @param clockSkew tolerated clock difference
     * @param maxAge oldest {@code iat} accepted
     */
    public record Expectations(String issuer, String clientId, Duration clockSkew, Duration maxAge) {
    }

    /** The token is not a valid logout token; the message is safe to return to the caller. */
    public static final class InvalidLogoutTokenException extends RuntimeException {
        public InvalidLogoutTokenException(String message) {
            super(message);
        }
    }

    /**
     * The key id ({@code kid}) of a compact JWS, or null if it names none, after checking that the
     * token is a JWS with an allowed algorithm (so that no key is fetched for a token refused anyway).
     */
    public static String keyId(String token) {
        JsonWebSignature jws = parse(token);
        return jws.getKeyIdHeaderValue();
    }

    /**
     * Validates a logout token.
     *
     * @param keys the IdP's current signing keys
     * @param now the evaluation time
     * @throws InvalidLogoutTokenException if it is not a valid logout token of this IdP and client
     */
    public static LogoutToken verify(String token, List<JsonWebKey> keys, Expectations expected, Instant now) {
        parse(token);
        int skew = (int) expected.clockSkew().toSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                        ALLOWED_ALGORITHMS.toArray(String[]::new)))
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .setExpectedIssuer(true, expected.issuer())
                .setExpectedAudience(true, expected.clientId())
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(skew, (int) expected.maxAge().toSeconds() + skew)
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(skew)
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidLogoutTokenException(describe(e));
        }
        try {
            Object events = claims.getClaimValue("events");
            if (!(events instanceof Map<?, ?> map) || !(map.get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map)) {
                throw new InvalidLogoutTokenException("events claim must hold " + BACKCHANNEL_LOGOUT_EVENT);
            }
            if (claims.hasClaim("nonce")) {
                throw new InvalidLogoutTokenException("a logout token must not carry a nonce");
            }
            String sid = text(claims, "sid");
            String sub = text(claims, "sub");
            if (sid == null && sub == null) {
                throw new InvalidLogoutTokenException("a logout token must carry sid or sub");
            }
            String jti = text(claims, "jti");
            if (jti == null) {
                throw new InvalidLogoutTokenException("jti is missing");
            }
            return new LogoutToken(jti, sid, sub, Instant.ofEpochSecond(claims.getIssuedAt().getValue()));
        } catch (MalformedClaimException e) {
            throw new InvalidLogoutTokenException("a claim has the wrong type");
        }
    }

    private static JsonWebSignature parse(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidLogoutTokenException("logout_token is required");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidLogoutTokenException("logout_token is too long");
        }
        JsonWebStructure structure;
        try {
            structure = JsonWebStructure.fromCompactSerialization(token);
        } catch (JoseException | RuntimeException e) {
            throw new InvalidLogoutTokenException("logout_token is not a JWT");
        }
        if (!(structure instanceof JsonWebSignature jws)) {
            throw new InvalidLogoutTokenException("logout_token must be a signed JWT");
        }
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !ALLOWED_ALGORITHMS.contains(alg)) {
            throw new InvalidLogoutTokenException("signature algorithm " + (alg == null ? "(none)" : alg)
                    + " is not accepted");
        }
        return jws;
    }

    private static String text(JwtClaims claims, String name) throws MalformedClaimException {
        String v = claims.getClaimValue(name, String.class);
        return v == null || v.isBlank() ? null : v;
    }

    /** A description of why jose4j refused the token, without echoing the token's content. */
    private static String describe(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "signature is not valid";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "iss is not the organization's IdP";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "aud does not name this client";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return "logout token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return "iat is missing";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "iat is in the future";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return "logout token is too old";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "logout token is not valid yet";
        }
        if (e.hasErrorCode(ErrorCodes.JWT_ID_MISSING)) {
            return "jti is missing";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jose4j.lang.UnresolvableKeyException) {
                return "signed with a key the IdP does not publish";
            }
        }
        return "logout token is not valid";
    }
}
