package dev.hubsso.gateway.session;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Creates the hub session of a verified SSO login: a row in the session registry
 * ({@code gateway.sessions}) and the sealed cookie that carries its {@link SessionClaims}.
 *
 * <p>The session id is derived from the login attempt (issuer and the code flow's {@code nonce}),
 * so one login yields at most one session on any replica: a replayed callback or a replayed
 * quarkus-oidc session cookie collides on the primary key and is refused. Session ids are not
 * secrets (the cookie is sealed); they name rows for listing and revocation.
 */
@ApplicationScoped
public class SessionIssuer {

    private final SessionCookieCodec codec;
    private final SessionCookies cookies;

    public SessionIssuer(SessionCookieCodec codec, SessionCookies cookies) {
        this.codec = codec;
        this.cookies = cookies;
    }

    /**
     * A login to turn into a session.
     *
     * @param userId hub account id (from provisioning's JIT)
     * @param org the org whose IdP authenticated the user
     * @param issuer the ID token's {@code iss}
     * @param loginNonce the ID token's {@code nonce}: names the login attempt
     * @param idpSubject the ID token's {@code sub}
     * @param idpSid the ID token's {@code sid}, or null
     * @param authTime the ID token's {@code auth_time}, or null for now
     * @param userAgent the browser's {@code User-Agent}, or null
     * @param ip the client address, or null
     */
    public record Login(String userId, OrgConfig org, String issuer, String loginNonce, String idpSubject,
            String idpSid, Instant authTime, String userAgent, String ip) {
    }

    /**
     * A created session.
     *
     * @param session the registry row
     * @param cookie the session cookie to set
     */
    public record Issued(Session session, NewCookie cookie) {
    }

    /** The session id of a login attempt. */
    public static UUID sessionIdOf(String issuer, String loginNonce) {
        return UUID.nameUUIDFromBytes(("hub-login\n" + issuer + "\n" + loginNonce).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores the session and seals its cookie. Fails with a 403 {@link ProblemException} when
     * this login attempt already produced a session.
     */
    @WithTransaction
    public Uni<Issued> issue(Login login) {
        // Milliseconds: what the cookie carries, so that cookie and row agree exactly.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long maxAge = login.org().sessionMaxAgeSeconds() > 0 ? login.org().sessionMaxAgeSeconds()
                : OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS;
        UUID id = sessionIdOf(login.issuer(), login.loginNonce());
        Session s = new Session();
        s.id = id;
        s.userId = login.userId();
        s.orgId = login.org().orgId();
        s.authMethod = SessionClaims.ssoOf(login.org().name());
        s.idpSubject = login.idpSubject();
        s.idpSid = login.idpSid();
        Instant authTime = login.authTime() == null ? now : login.authTime().truncatedTo(ChronoUnit.MILLIS);
        s.authTime = authTime.isAfter(now) ? now : authTime;
        s.createdAt = now;
        s.expiresAt = now.plusSeconds(maxAge);
        s.userAgent = truncate(login.userAgent(), 512);
        s.lastSeenIp = truncate(login.ip(), 64);
        return Session.<Session>findById(id)
                .chain(existing -> existing != null ? Uni.createFrom().<Session>failure(replayed())
                        : s.<Session>persistAndFlush())
                .onFailure(SessionIssuer::isUniqueViolation).transform(f -> replayed())
                .map(saved -> new Issued(saved, cookies.cookie(codec.seal(saved.claims()), maxAge)));
    }

    private static ProblemException replayed() {
        return ProblemException.forbidden("this login was already used; sign in again");
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
