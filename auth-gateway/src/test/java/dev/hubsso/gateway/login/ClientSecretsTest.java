package dev.hubsso.gateway.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.gateway.login.ClientSecrets.Env;
import dev.hubsso.gateway.login.ClientSecrets.File;
import dev.hubsso.gateway.login.ClientSecrets.PublicClient;
import dev.hubsso.gateway.login.ClientSecrets.Unsupported;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@code clientSecretRef} parsing and resolution: env, file, public client, and fail-closed for the rest. */
class ClientSecretsTest {

    static Stream<Arguments> refs() {
        return Stream.of(
                Arguments.of(null, new PublicClient()),
                Arguments.of("", new PublicClient()),
                Arguments.of("   ", new PublicClient()),
                Arguments.of("env:ACME_OIDC_SECRET", new Env("ACME_OIDC_SECRET")),
                Arguments.of("ENV:acme_secret", new Env("acme_secret")),
                Arguments.of(" env:X ", new Env("X")),
                Arguments.of("file:/var/run/secrets/acme/client-secret", new File("/var/run/secrets/acme/client-secret")),
                Arguments.of("env:", null),
                Arguments.of("env:1BAD", null),
                Arguments.of("env:A-B", null),
                Arguments.of("file:relative/path", null),
                Arguments.of("file:", null),
                Arguments.of("vault:secret/data/acme#client", null),
                Arguments.of("s3cr3t-value-pasted-by-mistake", null),
                Arguments.of("https://vault.example/acme", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refs")
    void parses(String ref, ClientSecrets.Ref expected) {
        ClientSecrets.Ref parsed = ClientSecrets.parse(ref);
        if (expected == null) {
            assertInstanceOf(Unsupported.class, parsed);
        } else {
            assertEquals(expected, parsed);
        }
    }

    @Test
    void anUnsupportedReferenceNeverEchoesWhatFollowsTheScheme() {
        Unsupported vault = (Unsupported) ClientSecrets.parse("vault:top-secret-path");
        assertFalse(vault.reason().contains("top-secret-path"), vault.reason());
        assertTrue(vault.reason().contains("vault"), vault.reason());
        Unsupported pasted = (Unsupported) ClientSecrets.parse("hunter2hunter2");
        assertFalse(pasted.reason().contains("hunter2"), pasted.reason());
    }

    @Test
    void environmentVariablesResolveTrimmedAndOnlyWhenSet() {
        Map<String, String> env = Map.of("SET", "  s3cret\n", "BLANK", "  ");
        assertEquals(Optional.of("s3cret"), ClientSecrets.fromEnv(new Env("SET"), env::get));
        assertEquals(Optional.empty(), ClientSecrets.fromEnv(new Env("BLANK"), env::get));
        assertEquals(Optional.empty(), ClientSecrets.fromEnv(new Env("MISSING"), env::get));
    }

    @Test
    void fileContentsAreTrimmedAndMustNotBeEmpty() {
        assertEquals(Optional.of("abc"), ClientSecrets.fromFileContent("abc\n"));
        assertEquals(Optional.of("a b"), ClientSecrets.fromFileContent("\t a b \r\n"));
        assertEquals(Optional.empty(), ClientSecrets.fromFileContent("\n"));
        assertEquals(Optional.empty(), ClientSecrets.fromFileContent(null));
    }
}
