package dev.hubsso.gateway.verify;

import java.util.Locale;
import java.util.Map;

/**
 * What the proxy forwarded to {@code /auth/verify}: the client's credentials and enough of the
 * original request to choose between a 401 and a redirect to a login page.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param cookies cookie name to value (never null)
 * @param accept the {@code Accept} header, or null
 * @param method the original method ({@code X-Original-Method} / {@code X-Forwarded-Method}), or null
 * @param originalUri the original URI ({@code X-Original-URI} / {@code X-Forwarded-Uri}), or null
 * @param targetOrg name of the org whose resources the request targets ({@code X-Hub-Target-Org}), or null
 */
public record ForwardedRequest(String authorization, Map<String, String> cookies, String accept, String method,
        String originalUri, String targetOrg) {

    public ForwardedRequest {
        cookies = cookies == null ? Map.of() : cookies;
    }

    /** A request that carries only an {@code Authorization} header. */
    public static ForwardedRequest ofAuthorization(String authorization) {
        return new ForwardedRequest(authorization, Map.of(), null, null, null, null);
    }

    /** The value of a cookie, or null. */
    public String cookie(String name) {
        String v = cookies.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * True if a refusal should redirect to a login page: the client asks for HTML and the
     * original request is a GET or HEAD (a redirected POST would lose its body). Without a
     * forwarded method the request is taken as a GET.
     */
    public boolean isBrowserNavigation() {
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            return false;
        }
        return method == null || method.isBlank() || method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
    }
}
