package dev.hubsso.gateway.session;

import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.revocation.UserStanding;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;

/**
 * The live session a request's cookie names, for endpoints that act on behalf of the signed-in
 * user ({@code /api/sessions}). A cookie counts only if it opens under a configured key, its
 * session row exists for the same user, is neither revoked (row or index) nor expired, and the
 * account is known to the revocation index, active, not refused by its IdP, and not revoked
 * after the session's authentication.
 */
@ApplicationScoped
public class CookieSessions {

    private final SessionCookies cookies;
    private final SessionCookieCodec codec;
    private final SessionRegistry registry;
    private final RevocationIndex index;

    public CookieSessions(SessionCookies cookies, SessionCookieCodec codec, SessionRegistry registry,
            RevocationIndex index) {
        this.cookies = cookies;
        this.codec = codec;
        this.registry = registry;
        this.index = index;
    }

    /**
     * A signed-in user's session.
     *
     * @param claims what the cookie carries
     * @param session its registry record
     * @param user the account's standing
     */
    public record Current(SessionClaims claims, SessionRecord session, UserStanding user) {
    }

    /** The live session of the request's cookie, or null. */
    public Uni<Current> current(HttpHeaders headers) {
        return current(cookies.value(headers));
    }

    /** The live session of a cookie value, or null. */
    public Uni<Current> current(String cookieValue) {
        SessionClaims claims = cookieValue == null ? null : codec.open(cookieValue).orElse(null);
        if (claims == null) {
            return Uni.createFrom().nullItem();
        }
        return registry.find(claims.sessionId()).map(session -> {
            Instant now = Instant.now();
            if (session == null || !session.userId().equals(claims.userId()) || !session.aliveAt(now)
                    || !claims.unexpiredAt(now)
                    || index.isSessionRevoked(claims.userId(), claims.sessionId(), session.createdAt())) {
                return null;
            }
            UserStanding user = index.user(claims.userId()).orElse(null);
            if (user == null || !user.acceptsCredentialIssuedAt(claims.authTime()) || index.isRefusedByIdp(user)) {
                return null;
            }
            return new Current(claims, session, user);
        });
    }
}
