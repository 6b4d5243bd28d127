package dev.hubsso.gateway.logout;

import static io.restassured.RestAssured.given;

import dev.hubsso.testsupport.OpenIdProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * A real OpenID Provider (mock-oauth2-server) that mints back-channel logout tokens: a
 * client_credentials request whose {@code scope} names a kind of token gets a JWT signed by the
 * provider's own key, with the claims of that kind's request mapping; {@code sid}, {@code sub}
 * and {@code aud} come from the request's form parameters (the provider's claim templates). The
 * provider adds {@code iss}, {@code iat}, {@code nbf}, {@code exp} and a fresh {@code jti}.
 */
final class LogoutIdp {

    /** The issuer id of the orgs' IdP, and of another IdP the orgs do not trust. */
    static final String ISSUER = "bcl";
    static final String OTHER_ISSUER = "bcl-other";
    static final String CLIENT_ID = "hub-gateway";

    private static final String EVENTS = "\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{}}";
    private static final String MAPPINGS = "["
            + mapping("logout", "\"sub\":\"${sub}\",\"sid\":\"${sid}\",\"aud\":[\"${aud}\"]," + EVENTS) + ","
            + mapping("logout-sub", "\"sub\":\"${sub}\",\"aud\":[\"${aud}\"]," + EVENTS) + ","
            + mapping("logout-nonce", "\"sub\":\"${sub}\",\"sid\":\"${sid}\",\"aud\":[\"${aud}\"],\"nonce\":\"n-0S6_WzA2Mj\"," + EVENTS) + ","
            + mapping("logout-noevents", "\"sub\":\"${sub}\",\"sid\":\"${sid}\",\"aud\":[\"${aud}\"]") + ","
            + mapping("logout-wrongevents", "\"sub\":\"${sub}\",\"sid\":\"${sid}\",\"aud\":[\"${aud}\"],"
                    + "\"events\":{\"http://schemas.openid.net/event/something-else\":{}}")
            + "]";
    private static final String CONFIG = "{\"interactiveLogin\":false,\"tokenCallbacks\":["
            + "{\"issuerId\":\"" + ISSUER + "\",\"requestMappings\":" + MAPPINGS + "},"
            + "{\"issuerId\":\"" + OTHER_ISSUER + "\",\"requestMappings\":" + MAPPINGS + "}]}";

    private static OpenIdProvider provider;

    private LogoutIdp() {
    }

    private static String mapping(String scope, String claims) {
        return "{\"requestParam\":\"scope\",\"match\":\"" + scope + "\",\"typeHeader\":\"logout+jwt\",\"claims\":{"
                + claims + "}}";
    }

    static synchronized OpenIdProvider provider() {
        if (provider == null) {
            try {
                provider = OpenIdProvider.start(0, CONFIG,
                        Files.createTempDirectory("hub-logout-idp-").resolve("provider.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            OpenIdProvider p = provider;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "logout-idp-stop"));
        }
        return provider;
    }

    /** The orgs' IdP issuer URL. */
    static String issuer() {
        return provider().issuer(ISSUER);
    }

    /** A logout token of the orgs' IdP naming a session ({@code sid}) of {@code sub}, for our client. */
    static String bySid(String sub, String sid) {
        return token(ISSUER, "logout", Map.of("sub", sub, "sid", sid, "aud", CLIENT_ID));
    }

    /**
     * A token minted by an issuer for a request mapping ({@code scope}) with template parameters.
     */
    static String token(String issuerId, String scope, Map<String, String> params) {
        Map<String, Object> form = new HashMap<>(params);
        form.put("grant_type", "client_credentials");
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", "unused");
        form.put("scope", scope);
        return given().formParams(form).post(provider().issuer(issuerId) + "/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
