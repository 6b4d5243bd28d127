package dev.hubsso.gateway.hubcred;

import dev.hubsso.gateway.verify.HubIdentity;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies the hub's own signed credentials: compact JWS (JWT) signed by the hub's key with an
 * asymmetric algorithm from an allow-list ({@code RS256}, {@code ES256} by default; {@code none}
 * and HMAC are never accepted, so a public key cannot be used as an HMAC secret). Checks the
 * signature against the configured public keys (by {@code kid} when there are several),
 * {@code iss}, {@code exp} (required) and {@code nbf}; the subject is the hub account id.
 * No framework imports; the keys can be replaced at run time (JWKS refresh).
 */
public final class SignedHubCredentials {

    private static final List<String> ASYMMETRIC = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private final String issuer;
    private final String[] algorithms;
    private final int clockSkewSeconds;
    private final String usernameClaim;
    private volatile JwtConsumer consumer;

    /**
     * @param keys the public keys that sign hub credentials
     * @param issuer required {@code iss}
     * @param algorithms accepted algorithms (asymmetric only)
     * @param clockSkew allowed skew on {@code exp}/{@code nbf}
     * @param usernameClaim claim with the username
     * @throws IllegalArgumentException for an algorithm that is not asymmetric or a key set without public keys
     */
    public SignedHubCredentials(List<JsonWebKey> keys, String issuer, List<String> algorithms, Duration clockSkew,
            String usernameClaim) {
        for (String alg : algorithms) {
            if (!ASYMMETRIC.contains(alg)) {
                throw new IllegalArgumentException("hub credential algorithm must be asymmetric, not " + alg);
            }
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one hub credential algorithm is required");
        }
        this.issuer = issuer;
        this.algorithms = algorithms.toArray(String[]::new);
        this.clockSkewSeconds = (int) clockSkew.toSeconds();
        this.usernameClaim = usernameClaim;
        replaceKeys(keys);
    }

    /** Uses a new key set from now on (a refreshed JWKS). */
    public void replaceKeys(List<JsonWebKey> keys) {
        List<JsonWebKey> publicKeys = keys.stream().filter(k -> k instanceof PublicJsonWebKey).toList();
        if (publicKeys.isEmpty()) {
            throw new IllegalArgumentException("no RSA/EC/OKP public key in the hub credential key set");
        }
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(true, issuer)
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, algorithms))
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(publicKeys))
                .build();
    }

    /** The identity of a credential, or empty when it does not verify for any reason. */
    public Optional<HubIdentity> verify(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > 8192) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(jwt);
            NumericDate iat = claims.getIssuedAt();
            NumericDate exp = claims.getExpirationTime();
            Object username = claims.getClaimValue(usernameClaim);
            return Optional.of(new HubIdentity(claims.getSubject(), username instanceof String u ? u : null,
                    iat == null ? null : Instant.ofEpochSecond(iat.getValue()), Instant.ofEpochSecond(exp.getValue())));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The keys of a JWKS document. */
    public static List<JsonWebKey> parseJwks(String json) {
        try {
            return new JsonWebKeySet(json).getJsonWebKeys();
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWKS document: " + e.getMessage());
        }
    }

    /** The key of a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo, RSA or EC); the armour lines are optional. */
    public static List<JsonWebKey> parsePem(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hub credential public key is not PEM/base64");
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                return List.of(PublicJsonWebKey.Factory.newPublicJwk(key));
            } catch (java.security.GeneralSecurityException | JoseException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("hub credential public key is neither an RSA nor an EC public key");
    }
}
