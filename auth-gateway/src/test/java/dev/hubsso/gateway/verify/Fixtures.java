package dev.hubsso.gateway.verify;

import static org.awaitility.Awaitility.await;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.IdpConnection;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionCookieCodec;
import dev.hubsso.gateway.support.Provisioning;
import dev.hubsso.gateway.support.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Orgs, accounts, sessions and hub credentials for enforcement tests: orgs and accounts are
 * published to the real broker as provisioning-service's relay does; sessions are inserted into
 * the real registry table and sealed with the configured key, as the login flow does.
 */
final class Fixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQ.incrementAndGet();
    }

    /** A published org and its version. */
    static final class Org {
        final String orgId = UUID.randomUUID().toString();
        final String name;
        final SsoMode mode;
        long maxAgeSeconds;
        long version;
        boolean withIdp = true;

        Org(String name, SsoMode mode, long maxAgeSeconds) {
            this.name = name;
            this.mode = mode;
            this.maxAgeSeconds = maxAgeSeconds;
        }

        OrgConfig snapshot(boolean deleted) {
            return new OrgConfig(orgId, name, name.substring(0, Math.min(6, name.length())), mode, false, maxAgeSeconds,
                    List.of(name + ".example"), "read", List.of(),
                    withIdp ? new IdpConnection("http://idp.invalid/" + name, "hub", "env:NONE", List.of("openid")) : null,
                    ++version, deleted, Instant.now());
        }

        /** Publishes the org and waits until the index has it. */
        Org publish(RevocationIndex index) {
            Provisioning.publish(snapshot(false));
            long v = version;
            await().atMost(Duration.ofSeconds(10)).until(() -> index.orgs().byId(orgId)
                    .map(o -> o.version() == v).orElse(false));
            return this;
        }

        /** Publishes its deletion and waits until the index forgot it. */
        void delete(RevocationIndex index) {
            Provisioning.publish(snapshot(true));
            await().atMost(Duration.ofSeconds(10)).until(() -> index.orgs().byId(orgId).isEmpty());
        }
    }

    static Org org(SsoMode mode, long maxAgeSeconds, RevocationIndex index) {
        return new Org(unique(mode == SsoMode.MANAGED ? "m" : "b"), mode, maxAgeSeconds).publish(index);
    }

    /** A published account of an org (null orgId: none), as provisioning's snapshot says it. */
    static final class User {
        final String userId = UUID.randomUUID().toString();
        final String orgId;
        final String username;
        final boolean managed;
        final String role;
        long version;
        Instant revokedBefore;

        User(String orgId, boolean managed, String role) {
            this.orgId = orgId;
            this.managed = managed;
            this.role = role;
            this.username = unique("u") + "-t";
        }

        UserState snapshot(UserStatus status) {
            return new UserState(userId, orgId, username, managed, status, role, Map.of("rg-1", "write"), null,
                    revokedBefore, version, Instant.now());
        }

        User publish(RevocationIndex index) {
            version++;
            Provisioning.publish(snapshot(UserStatus.ACTIVE));
            await().atMost(Duration.ofSeconds(10)).until(() -> index.user(userId)
                    .map(u -> u.userVersion() == version).orElse(false));
            return this;
        }

        /** Deactivated now (event alone). */
        void deactivate() {
            revokedBefore = Instant.now();
            Provisioning.publish(new UserDeactivated(UUID.randomUUID().toString(), Instant.now(), userId, orgId,
                    username, ++version, revokedBefore, "scim:active=false"));
        }

        /** Reactivated (event alone), keeping revokedBefore. */
        void reactivate(RevocationIndex index) {
            Provisioning.publish(new UserReactivated(UUID.randomUUID().toString(), Instant.now(), userId, orgId,
                    username, ++version));
            await().atMost(Duration.ofSeconds(10)).until(() -> index.user(userId).map(u -> u.isActive()).orElse(false));
        }
    }

    static User user(Org org, boolean managed, String role, RevocationIndex index) {
        return new User(org == null ? null : org.orgId, managed, role).publish(index);
    }

    // ------------------------------------------------------------------ sessions

    static SessionCookieCodec codec() {
        return Sessions.codec();
    }

    /** Inserts a session row and returns its sealed cookie. */
    static String session(User user, Org org, Instant authTime, Instant expiresAt) {
        return session(user.userId, org.orgId, SessionClaims.ssoOf(org.name), authTime, expiresAt);
    }

    /** A session authenticated a second ago, valid for an hour. */
    static String session(User user, Org org) {
        return session(user, org, Instant.now().minusSeconds(1), Instant.now().plus(1, ChronoUnit.HOURS));
    }

    static String session(String userId, String orgId, String authMethod, Instant authTime, Instant expiresAt) {
        return Sessions.insert(userId, orgId, authMethod, authTime, expiresAt);
    }

    /** The session id inside a cookie. */
    static String sessionIdOf(String cookie) {
        return codec().open(cookie).orElseThrow().sessionId();
    }

    static void revokeRow(String sessionId) {
        sql("update gateway.sessions set revoked_at = now(), revoked_reason = 'test' where id = ?", UUID.fromString(sessionId));
    }

    static void sql(String statement, Object... args) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection jdbc() throws java.sql.SQLException {
        return Sessions.jdbc();
    }

    // ------------------------------------------------------------------ hub credentials

    private static PrivateKey signingKey;

    static synchronized PrivateKey signingKey() {
        if (signingKey == null) {
            try {
                String pem = Files.readString(Path.of("src/test/resources/hub-credentials/test-signing-key.pem"));
                byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
                signingKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return signingKey;
    }

    /** A hub credential (JWT) for an account, signed RS256 by the test key, issuer {@code hub}, valid 10 minutes. */
    static String hubCredential(String userId, String username) {
        return hubCredential(userId, username, "hub", Instant.now().plusSeconds(600));
    }

    static String hubCredential(String userId, String username, String issuer, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(userId);
        claims.setClaim("preferred_username", username);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
