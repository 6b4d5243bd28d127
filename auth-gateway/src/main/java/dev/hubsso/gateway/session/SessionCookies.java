package dev.hubsso.gateway.session;

import dev.hubsso.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

/**
 * The session cookie as the HTTP layer sees it: the {@link SessionCookieCodec} of this gateway
 * (built once from {@code hub.gateway.session.keys}), reading the cookie from a request, and the
 * {@code Set-Cookie} value that removes it.
 */
@ApplicationScoped
public class SessionCookies {

    /** Path of the session cookie: the whole site. */
    public static final String PATH = "/";

    private final GatewayConfig config;

    public SessionCookies(GatewayConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    SessionCookieCodec codec() {
        return new SessionCookieCodec(config.session().keys());
    }

    /** The cookie's name. */
    public String name() {
        return config.session().cookieName();
    }

    /** The session cookie's raw value in a request, or null. */
    public String value(HttpHeaders headers) {
        Cookie c = headers == null ? null : headers.getCookies().get(name());
        return c == null || c.getValue() == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    /** The session cookie for a sealed value: {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} as configured. */
    public NewCookie cookie(String value, long maxAgeSeconds) {
        return new NewCookie.Builder(name())
                .value(value)
                .path(PATH)
                .httpOnly(true)
                .secure(config.session().secureCookie())
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) Math.min(Integer.MAX_VALUE, maxAgeSeconds))
                .build();
    }

    /**
     * A {@code Set-Cookie} value that makes the browser drop the session cookie at once (empty
     * value, {@code Max-Age=0}, an expiry in the past), with the attributes it was set with.
     */
    public String clearing() {
        return name() + "=; Path=" + PATH + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
                + (config.session().secureCookie() ? "; Secure" : "");
    }
}
