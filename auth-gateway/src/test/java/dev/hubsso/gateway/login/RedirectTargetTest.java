package dev.hubsso.gateway.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Only same-site paths are login targets: no open redirect. */
class RedirectTargetTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(null, "/"),
                Arguments.of("", "/"),
                Arguments.of("/", "/"),
                Arguments.of("/models/acme/llm", "/models/acme/llm"),
                Arguments.of("/search?q=a%20b&sort=new#top", "/search?q=a%20b&sort=new#top"),
                Arguments.of("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
                Arguments.of("https://evil.example/", null),
                Arguments.of("http:/evil.example", null),
                Arguments.of("javascript:alert(1)", null),
                Arguments.of("//evil.example/path", null),
                Arguments.of("/\\evil.example", null),
                Arguments.of("\\\\evil.example", null),
                Arguments.of("/ /evil.example", null),
                Arguments.of("/\t/evil.example", null),
                Arguments.of("/path\r\nSet-Cookie: x=y", null),
                Arguments.of("models", null),
                Arguments.of("/" + "a".repeat(RedirectTarget.MAX_LENGTH), null),
                Arguments.of("/bad uri", null),
                Arguments.of("/%zz", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void acceptsOnlySameSitePaths(String requested, String expected) {
        assertEquals(Optional.ofNullable(expected), RedirectTarget.of(requested));
    }
}
