package dev.hubsso.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCookieCodecTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final SessionClaims CLAIMS = new SessionClaims("s-1", "u-1", "org-1", "sso:demo", NOW,
            NOW.plus(7, ChronoUnit.DAYS));

    @Test
    void roundTripsClaims() {
        SessionCookieCodec codec = new SessionCookieCodec(List.of(key("k1")));
        String cookie = codec.seal(CLAIMS);
        assertTrue(cookie.startsWith("v1.k1."), cookie);
        assertEquals(CLAIMS, codec.open(cookie).orElseThrow());
        assertNotEquals(cookie, codec.seal(CLAIMS), "a fresh nonce per cookie");
    }

    @Test
    void anotherProcessWithTheSameKeysOpensTheCookie() {
        String k = key("k1");
        assertEquals(CLAIMS, new SessionCookieCodec(List.of(k)).open(new SessionCookieCodec(List.of(k)).seal(CLAIMS))
                .orElseThrow());
    }

    @Test
    void refusesTamperedTruncatedAndForeignCookies() {
        SessionCookieCodec codec = new SessionCookieCodec(List.of(key("k1")));
        String cookie = codec.seal(CLAIMS);
        char last = cookie.charAt(cookie.length() - 5);
        String tampered = cookie.substring(0, cookie.length() - 5) + (last == 'A' ? 'B' : 'A') + cookie.substring(cookie.length() - 4);
        assertFalse(codec.open(tampered).isPresent(), "flipped ciphertext");
        assertFalse(codec.open(cookie.substring(0, cookie.length() - 3)).isPresent(), "truncated");
        assertFalse(codec.open("v2" + cookie.substring(2)).isPresent(), "other version");
        assertFalse(codec.open(cookie.replace("v1.k1.", "v1.k2.")).isPresent(), "unknown key id");
        assertFalse(codec.open("").isPresent());
        assertFalse(codec.open(null).isPresent());
        assertFalse(codec.open("v1.k1.!!!").isPresent(), "not base64");
        SessionCookieCodec other = new SessionCookieCodec(List.of(key("k1")));
        assertFalse(other.open(cookie).isPresent(), "same key id, other key");
    }

    @Test
    void aKeyIdCannotBeSwappedOnACookie() {
        String k1 = key("k1");
        String k2 = "k2" + k1.substring(2);
        SessionCookieCodec codec = new SessionCookieCodec(List.of(k1, k2));
        String cookie = codec.seal(CLAIMS);
        assertFalse(codec.open(cookie.replace("v1.k1.", "v1.k2.")).isPresent(),
                "the key id is associated data: same key material under another id does not open it");
    }

    @Test
    void rotationSealsWithTheFirstKeyAndOpensWithAll() {
        String oldKey = key("old");
        String newKey = key("new");
        String issuedBefore = new SessionCookieCodec(List.of(oldKey)).seal(CLAIMS);
        SessionCookieCodec rotated = new SessionCookieCodec(List.of(newKey, oldKey));
        assertEquals(CLAIMS, rotated.open(issuedBefore).orElseThrow());
        assertTrue(rotated.seal(CLAIMS).startsWith("v1.new."));
        assertFalse(new SessionCookieCodec(List.of(newKey)).open(issuedBefore).isPresent(), "old key removed");
    }

    @Test
    void rejectsBadKeyConfigurationWithoutEchoingKeys() {
        assertThrows(IllegalArgumentException.class, () -> new SessionCookieCodec(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SessionCookieCodec(List.of("nocolon")));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> new SessionCookieCodec(List.of("k:" + Base64.getEncoder().encodeToString(new byte[16]))));
        assertTrue(shortKey.getMessage().contains("32 bytes"));
        String k = key("dup");
        assertThrows(IllegalArgumentException.class, () -> new SessionCookieCodec(List.of(k, k)));
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> new SessionCookieCodec(List.of("k:secret-material-$$$")));
        assertFalse(notBase64.getMessage().contains("secret-material"));
    }

    private static String key(String id) {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return id + ":" + Base64.getEncoder().encodeToString(b);
    }
}
