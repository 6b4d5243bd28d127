package dev.hubsso.e2e;

import static dev.hubsso.testsupport.Browser.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubsso.local.Endpoints;
import dev.hubsso.local.Stack;
import dev.hubsso.testsupport.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Logins, sessions and logouts as browsers and IdPs perform them against the running suite.
 *
 * <p>A person logging in to the hub through the demo org's IdP as a browser does: the gateway sends
 * the browser to the provider, the login form is submitted, the provider sends it back, the
 * gateway verifies the login, asks provisioning to link it (JIT) and sets the session cookie.
 */
final class Logins {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Logins() {
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

    /** {@code GET /auth/verify} of one gateway replica with a session cookie, as an API client (no redirect). */
    static int verify(String gatewayUrl, String sessionCookie) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayUrl + "/auth/verify"))
                .header("Cookie", "hub_session=" + sessionCookie).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@link #verify} until it answers {@code status}; fails after {@code timeout}. */
    static void awaitVerify(String gatewayUrl, String sessionCookie, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = verify(gatewayUrl, sessionCookie);
        while (last != status && System.nanoTime() < deadline) {
            sleep(20);
            last = verify(gatewayUrl, sessionCookie);
        }
        assertEquals(status, last, "gateway " + gatewayUrl + " answers " + status + " within " + timeout);
    }

    /**
     * A back-channel logout token signed by the org's IdP (the local provider mints one on a
     * client_credentials request with {@code scope=backchannel-logout}), naming {@code sid} of {@code sub}.
     */
    static String logoutToken(Endpoints endpoints, String sub, String sid) {
        String form = form(Map.of("grant_type", "client_credentials", "client_id", Stack.DEMO_CLIENT_ID,
                "client_secret", "unused", "scope", "backchannel-logout", "sub", sub, "sid", sid, "aud",
                Stack.DEMO_CLIENT_ID));
        HttpResponse<String> r = post(endpoints.oidcIssuer() + "/token", form);
        assertEquals(200, r.statusCode(), r.body());
        try {
            return JSON.readTree(r.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers a logout token to one gateway replica as the IdP does; returns the status. */
    static int backchannelLogout(String gatewayUrl, String org, String logoutToken) {
        return post(gatewayUrl + "/login/" + org + "/backchannel-logout", form(Map.of("logout_token", logoutToken)))
                .statusCode();
    }

    private static HttpResponse<String> post(String url, String form) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isGatewayLogin(Endpoints endpoints, String location) {
        URI to = URI.create(endpoints.gatewayUrl()).resolve(location);
        return to.getPort() == URI.create(endpoints.gatewayUrl()).getPort() && to.getPath().startsWith("/login/");
    }
}
