package dev.hubsso.gateway.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenCredentialsTest {

    private static final String GOOD = "hub_" + "A".repeat(42) + "_";

    @Test
    void generatesUniqueWellFormedTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = TokenCredentials.generate();
            assertTrue(TokenCredentials.isWellFormed(t), t);
            assertEquals(47, t.length());
            assertTrue(seen.add(t));
        }
    }

    @Test
    void hashIsSha256Hex() {
        // echo -n abc | sha256sum
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenCredentials.hash("abc"));
        assertNotEquals(TokenCredentials.hash(GOOD), TokenCredentials.hash(GOOD.replace('A', 'B')));
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("Bearer " + GOOD, GOOD),
                Arguments.of("bearer " + GOOD, GOOD),
                Arguments.of(null, null),
                Arguments.of("", null),
                Arguments.of("Bearer", null),
                Arguments.of("Bearer ", null),
                Arguments.of("Basic " + GOOD, null),
                Arguments.of("Bearer  " + GOOD, null),
                Arguments.of("Bearer " + GOOD + "x", null),
                Arguments.of("Bearer " + GOOD.substring(1), null),
                Arguments.of("Bearer xub_" + GOOD.substring(4), null),
                Arguments.of("Bearer " + GOOD.replace('A', '+'), null),
                Arguments.of("Bearer " + GOOD.replace('A', '='), null),
                Arguments.of("Bearer hub_" + "é".repeat(43), null));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void acceptsOnlyTheExactBearerShape(String header, String expected) {
        if (expected == null) {
            assertNull(TokenCredentials.fromAuthorization(header));
        } else {
            assertEquals(expected, TokenCredentials.fromAuthorization(header));
        }
    }
}
