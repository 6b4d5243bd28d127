package dev.hubsso.gateway.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a verified ID token: every claim kept, unacceptable algorithms and missing essentials refused. */
class VerifiedLoginTest {

    private static final String CLAIMS = "{\"iss\":\"https://idp.example/acme\",\"sub\":\"alice\",\"nonce\":\"n-1\","
            + "\"email\":\"alice@acme.example\",\"email_verified\":true,\"sid\":\"s-9\",\"auth_time\":1700000000,"
            + "\"groups\":[\"eng\",\"admins\"],\"aud\":\"hub\"}";

    static String jwt(String header, String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void readsTheClaimsOfAnAsymmetricallySignedToken() {
        VerifiedLogin login = VerifiedLogin.read(jwt("{\"alg\":\"RS256\",\"kid\":\"k1\"}", CLAIMS)).orElseThrow();
        assertEquals("https://idp.example/acme", login.issuer());
        assertEquals("alice", login.subject());
        assertEquals("alice@acme.example", login.email());
        assertEquals(Boolean.TRUE, login.emailVerified());
        assertEquals("s-9", login.idpSessionId());
        assertEquals(Instant.ofEpochSecond(1700000000), login.authTime());
        assertEquals("n-1", login.nonce());
        assertEquals(List.of("eng", "admins"), login.claims().get("groups"));
        assertEquals("hub", login.claims().get("aud"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void acceptsAsymmetricAlgorithms(String alg) {
        assertTrue(VerifiedLogin.read(jwt("{\"alg\":\"" + alg + "\"}", CLAIMS)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "HS256", "HS384", "HS512", "", "rs256"})
    void refusesNoneAndHmacAlgorithms(String alg) {
        assertFalse(VerifiedLogin.read(jwt("{\"alg\":\"" + alg + "\"}", CLAIMS)).isPresent(), alg);
    }

    @Test
    void refusesAnUnsignedOrMalformedToken() {
        String unsigned = jwt("{\"alg\":\"RS256\"}", CLAIMS);
        unsigned = unsigned.substring(0, unsigned.lastIndexOf('.') + 1);
        assertFalse(VerifiedLogin.read(unsigned).isPresent());
        assertFalse(VerifiedLogin.read("not-a-jwt").isPresent());
        assertFalse(VerifiedLogin.read(null).isPresent());
        assertFalse(VerifiedLogin.read("e30.!!!.sig").isPresent());
        assertFalse(VerifiedLogin.read(jwt("{}", CLAIMS)).isPresent());
    }

    @Test
    void requiresIssuerSubjectAndNonce() {
        for (String missing : List.of("iss", "sub", "nonce")) {
            String claims = CLAIMS.replace("\"" + missing + "\"", "\"x_" + missing + "\"");
            assertFalse(VerifiedLogin.read(jwt("{\"alg\":\"RS256\"}", claims)).isPresent(), missing);
        }
    }

    @Test
    void optionalClaimsMayBeAbsent() {
        VerifiedLogin login = VerifiedLogin.read(jwt("{\"alg\":\"ES256\"}",
                "{\"iss\":\"i\",\"sub\":\"s\",\"nonce\":\"n\",\"email_verified\":\"false\"}")).orElseThrow();
        assertNull(login.email());
        assertEquals(Boolean.FALSE, login.emailVerified());
        assertNull(login.idpSessionId());
        assertNull(login.authTime());
        assertEquals(Map.of("iss", "i", "sub", "s", "nonce", "n", "email_verified", "false"), login.claims());
    }
}
