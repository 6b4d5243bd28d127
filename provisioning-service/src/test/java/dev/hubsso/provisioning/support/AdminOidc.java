package dev.hubsso.provisioning.support;

import static io.restassured.RestAssured.given;

import dev.hubsso.testsupport.OpenIdProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A real OpenID Provider for admin tokens, started once per module run: issuer {@code hub-admin}
 * hands out client-credentials tokens whose claims depend on the client id ({@code admin-cli}:
 * the hub-admin role; {@code viewer-cli}: another role). The service under test trusts that
 * issuer (and keeps the API key fallback).
 */
public class AdminOidc implements QuarkusTestResourceLifecycleManager {

    /** Issuer id of the admins' provider. */
    public static final String ISSUER_ID = "hub-admin";
    private static final String CONFIG = """
            {"interactiveLogin": false,
             "tokenCallbacks": [
               {"issuerId": "hub-admin", "tokenExpiry": 600, "requestMappings": [
                 {"requestParam": "client_id", "match": "admin-cli",
                  "claims": {"sub": "alice", "groups": ["hub-admin"], "aud": ["provisioning-service"]}},
                 {"requestParam": "client_id", "match": "viewer-cli",
                  "claims": {"sub": "bob", "groups": ["viewer"], "aud": ["provisioning-service"]}}]},
               {"issuerId": "elsewhere", "tokenExpiry": 600, "requestMappings": [
                 {"requestParam": "client_id", "match": "admin-cli",
                  "claims": {"sub": "mallory", "groups": ["hub-admin"], "aud": ["provisioning-service"]}}]}]}
            """;

    private static OpenIdProvider provider;

    /** The provider (started by the first test resource start). */
    public static synchronized OpenIdProvider provider() {
        if (provider == null) {
            try {
                provider = OpenIdProvider.start(0, CONFIG,
                        Files.createTempDirectory("hub-admin-oidc-").resolve("provider.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            OpenIdProvider p = provider;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "admin-oidc-stop"));
        }
        return provider;
    }

    /** A client-credentials access token from an issuer of the provider. */
    public static String token(String issuerId, String clientId) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", "not-checked").formParam("scope", "openid")
                .post(provider().issuer(issuerId) + "/token")
                .then().statusCode(200).extract().path("access_token");
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", provider().issuer(ISSUER_ID));
    }

    @Override
    public void stop() {
        // lives until the JVM exits, shared by every test class
    }
}
