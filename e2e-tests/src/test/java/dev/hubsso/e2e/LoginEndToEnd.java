package dev.hubsso.e2e;

import static dev.hubsso.testsupport.Browser.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.local.Endpoints;
import dev.hubsso.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A person logging in to the hub through the demo org's IdP as a browser does: the gateway sends
 * the browser to the provider, the login form is submitted, the provider sends it back, the
 * gateway verifies the login, asks provisioning to link it (JIT) and sets the session cookie.
 */
final class LoginEndToEnd {

    private LoginEndToEnd() {
    }

    /**
     * Logs in as {@code subject} with these ID token claims (JSON object text) and returns the
     * browser holding the session cookie.
     */
    static Browser login(Endpoints endpoints, String subject, String claimsJson) {
        Browser browser = new Browser(URI.create(endpoints.gatewayUrl()));
        HttpResponse<String> start = browser.get("/login/" + endpoints.org() + "?redirect_uri=/models");
        assertEquals(302, start.statusCode(), "login starts with a redirect to the IdP: " + start.body());
        String authorize = location(start);
        assertTrue(authorize.startsWith(endpoints.oidcIssuer() + "/authorize"), authorize);
        HttpResponse<String> form = browser.get(authorize);
        assertEquals(200, form.statusCode(), "the IdP shows its login form");
        HttpResponse<String> back = browser.postForm(authorize, Map.of("username", subject, "claims", claimsJson));
        assertEquals(302, back.statusCode(), "the IdP sends the browser back: " + back.body());
        HttpResponse<String> hop = browser.get(location(back));
        // the callback lands on the gateway, which completes the code flow and, possibly after one
        // more hop to /login/{org}, sets the session and sends the browser where it was going
        for (int i = 0; i < 3 && hop.statusCode() == 302 && isGatewayLogin(endpoints, location(hop)); i++) {
            hop = browser.get(location(hop));
        }
        assertEquals(302, hop.statusCode(), "login completes with a redirect: " + hop.body());
        assertEquals("/models", URI.create(endpoints.gatewayUrl()).resolve(location(hop)).getPath(), location(hop));
        assertTrue(browser.cookies().containsKey("hub_session"), "session cookie set: " + browser.cookies());
        return browser;
    }

    private static boolean isGatewayLogin(Endpoints endpoints, String location) {
        URI to = URI.create(endpoints.gatewayUrl()).resolve(location);
        return to.getPort() == URI.create(endpoints.gatewayUrl()).getPort() && to.getPath().startsWith("/login/");
    }
}
