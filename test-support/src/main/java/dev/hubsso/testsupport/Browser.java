package dev.hubsso.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser as far as a login needs one: no automatic redirects (each hop is checked), a cookie jar
 * for the gateway's origin (the IdP needs none), a form post for the IdP's login page.
 */
public final class Browser {

    /** The User-Agent it sends (sessions record it). */
    public static final String USER_AGENT = "hub-sso-tests/1.0";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI gateway;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** A browser with an empty cookie jar for the gateway at {@code gateway}. */
    public Browser(URI gateway) {
        this.gateway = gateway;
    }

    /** A second browser holding a copy of this one's cookies (an attacker who copied them). */
    public Browser copy() {
        Browser b = new Browser(gateway);
        b.cookies.putAll(cookies);
        return b;
    }

    /** The gateway cookies held, by name (live view). */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** GET of a URL, or of a path on the gateway. */
    public HttpResponse<String> get(String url) {
        URI uri = resolve(url);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("User-Agent", USER_AGENT).GET();
        return send(uri, req);
    }

    /** A form post, as the IdP's login page submits it. */
    public HttpResponse<String> postForm(String url, Map<String, String> form) {
        URI uri = resolve(url);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(uri, req);
    }

    /** The Location of a redirect. */
    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location on " + response.statusCode() + ": " + response.body()));
    }

    private URI resolve(String url) {
        return url.startsWith("http://") || url.startsWith("https://") ? URI.create(url) : gateway.resolve(url);
    }

    private HttpResponse<String> send(URI uri, HttpRequest.Builder req) {
        boolean toGateway = uri.getPort() == gateway.getPort() && uri.getHost().equals(gateway.getHost());
        if (toGateway && !cookies.isEmpty()) {
            req.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (toGateway) {
                for (String set : response.headers().allValues("Set-Cookie")) {
                    keep(set);
                }
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim().toLowerCase();
            if (attr.equals("max-age=0") || attr.startsWith("max-age=-") || attr.contains("expires=thu, 01 jan 1970")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
