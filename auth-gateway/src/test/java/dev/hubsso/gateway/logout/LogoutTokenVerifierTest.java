package dev.hubsso.gateway.logout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.logout.LogoutTokenVerifier.Expectations;
import dev.hubsso.gateway.logout.LogoutTokenVerifier.InvalidLogoutTokenException;
import dev.hubsso.gateway.logout.LogoutTokenVerifier.LogoutToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** The logout token rules of Back-Channel Logout 1.0 §2.6, one case per rule, with keys made here. */
class LogoutTokenVerifierTest {

    private static final String ISSUER = "https://idp.example/realms/acme";
    private static final String CLIENT = "hub";
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Expectations EXPECTED = new Expectations(ISSUER, CLIENT, Duration.ofSeconds(60),
            Duration.ofMinutes(10));
    private static final RsaJsonWebKey RSA = rsa("k1");
    private static final EllipticCurveJsonWebKey EC = ec("k2");
    private static final List<JsonWebKey> KEYS = List.of(RSA, EC);

    private static RsaJsonWebKey rsa(String kid) {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(kid);
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey ec(String kid) {
        try {
            EllipticCurveJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            k.setKeyId(kid);
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience(CLIENT, "another-client");
        c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 5));
        c.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 120));
        c.setJwtId("jti-1");
        c.setSubject("248289761001");
        c.setClaim("sid", "08a5019c-17e1-4977-8f42-65a12843ea02");
        c.setClaim("events", Map.of(LogoutTokenVerifier.BACKCHANNEL_LOGOUT_EVENT, Map.of()));
        change.accept(c);
        return c;
    }

    private static String sign(JwtClaims claims, JsonWebKey key, String alg) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(alg);
            jws.setHeader("typ", "logout+jwt");
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setKey(key instanceof RsaJsonWebKey r ? r.getPrivateKey() : ((EllipticCurveJsonWebKey) key).getPrivateKey());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(Consumer<JwtClaims> change) {
        return sign(claims(change), RSA, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    private static String refusal(String token) {
        return assertThrows(InvalidLogoutTokenException.class,
                () -> LogoutTokenVerifier.verify(token, KEYS, EXPECTED, NOW)).getMessage();
    }

    @Test
    void acceptsAValidTokenWithEachAsymmetricAlgorithm() {
        for (String alg : List.of(AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA512,
                AlgorithmIdentifiers.RSA_PSS_USING_SHA256)) {
            LogoutToken t = LogoutTokenVerifier.verify(sign(claims(c -> { }), RSA, alg), KEYS, EXPECTED, NOW);
            assertEquals("jti-1", t.jti(), alg);
            assertEquals("08a5019c-17e1-4977-8f42-65a12843ea02", t.sid());
            assertEquals("248289761001", t.sub());
        }
        assertEquals("jti-1", LogoutTokenVerifier.verify(sign(claims(c -> { }), EC,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256), KEYS, EXPECTED, NOW).jti());
    }

    @Test
    void sidOrSubAloneIsEnoughAndExpIsOptional() {
        LogoutToken subOnly = LogoutTokenVerifier.verify(rs256(c -> c.unsetClaim("sid")), KEYS, EXPECTED, NOW);
        assertNull(subOnly.sid());
        assertEquals("248289761001", subOnly.sub());
        assertNull(LogoutTokenVerifier.verify(rs256(c -> c.unsetClaim("sub")), KEYS, EXPECTED, NOW).sub());
        assertEquals("jti-1", LogoutTokenVerifier.verify(rs256(c -> c.unsetClaim("exp")), KEYS, EXPECTED, NOW).jti());
    }

    @Test
    void refusesEveryBrokenRule() {
        // case → expected fragment of the reason
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(rs256(c -> c.setClaim("nonce", "n-0S6")), "nonce");
        cases.put(rs256(c -> c.unsetClaim("events")), "events");
        cases.put(rs256(c -> c.setClaim("events", "http://schemas.openid.net/event/backchannel-logout")), "events");
        cases.put(rs256(c -> c.setClaim("events", Map.of("http://schemas.openid.net/event/other", Map.of()))), "events");
        cases.put(rs256(c -> {
            c.unsetClaim("sid");
            c.unsetClaim("sub");
        }), "sid or sub");
        cases.put(rs256(c -> c.unsetClaim("jti")), "jti");
        cases.put(rs256(c -> c.unsetClaim("iat")), "iat");
        cases.put(rs256(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() + 600));
            c.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 900));
        }), "future");
        cases.put(rs256(c -> c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 3600))), "too old");
        cases.put(rs256(c -> c.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() - 300))), "expired");
        cases.put(rs256(c -> c.setIssuer("https://evil.example")), "iss");
        cases.put(rs256(c -> c.setAudience("someone-else")), "aud");
        cases.put(rs256(c -> c.unsetClaim("aud")), "aud");
        cases.put(sign(claims(c -> { }), rsa("k1"), AlgorithmIdentifiers.RSA_USING_SHA256), "signature");
        cases.put(sign(claims(c -> { }), rsa("rotated"), AlgorithmIdentifiers.RSA_USING_SHA256), "key");
        cases.put(none(claims(c -> { })), "none");
        cases.put(hs256WithPublicKey(claims(c -> { })), "HS256");
        cases.put("a.b", "not a JWT");
        cases.put("", "required");
        cases.forEach((token, reason) -> {
            String refusal = refusal(token);
            assertTrue(refusal.contains(reason), reason + " ← " + refusal);
        });
    }

    @Test
    void keyIdIsReadOnlyFromAcceptableTokens() {
        assertEquals("k1", LogoutTokenVerifier.keyId(rs256(c -> { })));
        assertThrows(InvalidLogoutTokenException.class, () -> LogoutTokenVerifier.keyId(none(claims(c -> { }))));
        assertThrows(InvalidLogoutTokenException.class,
                () -> LogoutTokenVerifier.keyId(hs256WithPublicKey(claims(c -> { }))));
    }

    private static String none(JwtClaims claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String hs256WithPublicKey(JwtClaims claims) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue("k1");
            jws.setKey(new HmacKey(RSA.getPublicKey().getEncoded()));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
