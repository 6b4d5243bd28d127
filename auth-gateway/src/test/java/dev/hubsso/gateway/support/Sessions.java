package dev.hubsso.gateway.support;

import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionCookieCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * SSO sessions as the login flow leaves them: a row in the real {@code gateway.sessions} table and
 * its cookie sealed with the configured key.
 */
public final class Sessions {

    private Sessions() {
    }

    /** The codec of the configured session keys. */
    public static SessionCookieCodec codec() {
        String keys = ConfigProvider.getConfig().getValue("hub.gateway.session.keys", String.class);
        return new SessionCookieCodec(List.of(keys.split(",")));
    }

    /** Inserts a session row and returns its sealed cookie value. */
    public static String insert(String userId, String orgId, String authMethod, Instant authTime, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        Instant at = authTime.truncatedTo(ChronoUnit.MICROS);
        Instant exp = expiresAt.truncatedTo(ChronoUnit.MICROS);
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "insert into gateway.sessions (id, user_id, org_id, auth_method, idp_subject, auth_time, created_at, "
                        + "expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, userId);
            ps.setString(3, orgId);
            ps.setString(4, authMethod);
            ps.setString(5, "sub-" + userId);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setTimestamp(7, Timestamp.from(at)); // issued when the user authenticated
            ps.setTimestamp(8, Timestamp.from(exp));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return codec().seal(new SessionClaims(id.toString(), userId, orgId, authMethod, at, exp));
    }

    /** A JDBC connection to the gateway's database. */
    public static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
