package dev.hubsso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubsso.local.Endpoints;
import dev.hubsso.local.Stack;
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
 * Sessions and logouts as browsers and IdPs see them against the running suite. The login itself
 * is {@link dev.hubsso.local.HubClient#login}, shared with the local stack's probe and benchmark.
 */
final class Logins {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Logins() {
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
}
