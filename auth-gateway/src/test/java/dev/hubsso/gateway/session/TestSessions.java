package dev.hubsso.gateway.session;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.support.Provisioning;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sessions for tests, made the way the login flow makes them: a row in {@code gateway.sessions}
 * and a cookie sealed with the test profile's key. Also orgs published to {@code hub.org-config.v1}.
 */
public final class TestSessions {

    private TestSessions() {
    }

    /**
     * A session and its cookie.
     *
     * @param claims what the cookie carries
     * @param cookie the sealed cookie value
     */
    public record Created(SessionClaims claims, String cookie) {
        public String id() {
            return claims.sessionId();
        }

        public String userId() {
            return claims.userId();
        }

        public Instant createdAt() {
            return claims.authTime();
        }
    }

    /** The session cookie's name in the test profile. */
    public static String cookieName() {
        return ConfigProvider.getConfig().getOptionalValue("hub.gateway.session.cookie-name", String.class)
                .orElse("hub_session");
    }

    /** A live session (one hour left) established through the IdP of {@code orgName}. */
    public static Created create(String userId, String orgId, String orgName, String sub, String sid) {
        return create(userId, orgId, orgName, sub, sid, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** A session created at {@code createdAt}, lasting one hour. */
    public static Created create(String userId, String orgId, String orgName, String sub, String sid,
            Instant createdAt) {
        UUID id = UUID.randomUUID();
        Instant expiresAt = createdAt.plus(1, ChronoUnit.HOURS);
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "insert into gateway.sessions (id, user_id, org_id, auth_method, idp_subject, idp_sid, auth_time, "
                        + "created_at, expires_at, last_seen_ip, user_agent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, id);
            st.setString(2, userId);
            st.setString(3, orgId);
            st.setString(4, SessionClaims.ssoOf(orgName));
            st.setString(5, sub);
            st.setString(6, sid);
            st.setTimestamp(7, Timestamp.from(createdAt));
            st.setTimestamp(8, Timestamp.from(createdAt));
            st.setTimestamp(9, Timestamp.from(expiresAt));
            st.setString(10, "192.0.2.1");
            st.setString(11, "test-browser");
            st.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        SessionClaims claims = new SessionClaims(id.toString(), userId, orgId, SessionClaims.ssoOf(orgName), createdAt,
                expiresAt);
        return new Created(claims, codec().seal(claims));
    }

    /** The codec of the test profile's keys. */
    public static SessionCookieCodec codec() {
        return new SessionCookieCodec(List.of(ConfigProvider.getConfig()
                .getValue("hub.gateway.session.keys", String.class).split(",")));
    }

    /** {@code revoked_reason} of a session row, or null while it is not revoked. */
    public static String revokedReason(String sessionId) {
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "select revoked_at, revoked_reason from gateway.sessions where id = ?")) {
            st.setObject(1, UUID.fromString(sessionId));
            ResultSet rs = st.executeQuery();
            if (!rs.next()) {
                throw new IllegalStateException("no session " + sessionId);
            }
            return rs.getTimestamp(1) == null ? null : rs.getString(2);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes an org snapshot, with an IdP when {@code issuer} is not null. */
    public static OrgConfig publishOrg(String orgId, String name, String issuer, String clientId) {
        OrgConfig org = new OrgConfig(orgId, name, name.substring(0, Math.min(6, name.length())), OrgConfig.SsoMode.MANAGED,
                false, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS, List.of(name + ".example"), "read", List.of(),
                issuer == null ? null : new OrgConfig.IdpConnection(issuer, clientId, "env:IDP_SECRET",
                        List.of("openid", "profile")),
                1, false, Instant.now());
        Provisioning.publish(org);
        return org;
    }

    /**
     * Runs reactive work (Hibernate Reactive needs it) on a fresh, safe Vert.x duplicated context,
     * as a request would, and waits for its item.
     */
    public static <T> T onVertx(Supplier<Uni<T>> work) {
        Vertx vertx = Arc.container().instance(Vertx.class).get();
        Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(ctx, true);
        CompletableFuture<T> result = new CompletableFuture<>();
        ctx.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection db() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
