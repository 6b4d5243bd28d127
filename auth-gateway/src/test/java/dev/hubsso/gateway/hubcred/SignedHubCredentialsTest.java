package dev.hubsso.gateway.hubcred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.verify.HubIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hub credential adapter's checks: signature, algorithm allow-list, issuer, expiry. */
class SignedHubCredentialsTest {

    private static RsaJsonWebKey rsa;
    private static EllipticCurveJsonWebKey ec;
    private static RsaJsonWebKey stranger;
    private static SignedHubCredentials verifier;

    @BeforeAll
    static void keys() throws Exception {
        rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-1");
        ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("rsa-1");
        String jwks = new JsonWebKeySet(List.<JsonWebKey>of(rsa, ec)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        verifier = new SignedHubCredentials(SignedHubCredentials.parseJwks(jwks), "hub", List.of("RS256", "ES256"),
                Duration.ofSeconds(5), "preferred_username");
    }

    static String sign(java.security.Key key, String kid, String alg, String issuer, Instant exp) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("user-1");
        claims.setClaim("preferred_username", "ivy");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(alg);
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    @Test
    void goodRs256AndEs256CredentialsVerify() throws Exception {
        Instant exp = Instant.now().plusSeconds(60);
        HubIdentity id = verifier.verify(sign(rsa.getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA256, "hub",
                exp)).orElseThrow();
        assertEquals("user-1", id.userId());
        assertEquals("ivy", id.username());
        assertEquals(exp.getEpochSecond(), id.expiresAt().getEpochSecond());
        assertTrue(verifier.verify(sign(ec.getPrivateKey(), "ec-1", AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                "hub", exp)).isPresent());
    }

    @Test
    void everythingElseIsRefused() throws Exception {
        Instant exp = Instant.now().plusSeconds(60);
        String good = sign(rsa.getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA256, "hub", exp);
        String[] parts = good.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        // HS256 keyed with the public key's bytes: the classic key-confusion attack
        String hmacWithPublicKey = sign(new HmacKey(rsa.getPublicKey().getEncoded()), "rsa-1",
                AlgorithmIdentifiers.HMAC_SHA256, "hub", exp);
        for (String bad : List.of(
                sign(stranger.getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA256, "hub", exp),
                sign(rsa.getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA256, "not-hub", exp),
                sign(rsa.getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA256, "hub",
                        Instant.now().minusSeconds(60)),
                sign(rsa.getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA384, "hub", exp),
                none, hmacWithPublicKey,
                parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse(),
                "", "not.a.jwt")) {
            assertTrue(verifier.verify(bad).isEmpty(), bad);
        }
    }

    @Test
    void aPemPublicKeyWorksAndSymmetricAlgorithmsCannotBeConfigured() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.getPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        SignedHubCredentials byPem = new SignedHubCredentials(SignedHubCredentials.parsePem(pem), "hub",
                List.of("RS256"), Duration.ZERO, "preferred_username");
        assertTrue(byPem.verify(sign(rsa.getPrivateKey(), null, AlgorithmIdentifiers.RSA_USING_SHA256, "hub",
                Instant.now().plusSeconds(60))).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new SignedHubCredentials(SignedHubCredentials.parsePem(pem),
                "hub", List.of("HS256"), Duration.ZERO, "preferred_username"));
        assertThrows(IllegalArgumentException.class, () -> SignedHubCredentials.parsePem("not a key"));
    }
}
