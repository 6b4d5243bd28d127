package dev.hubsso.gateway.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.MembershipChanged;
import dev.hubsso.events.SessionRevoked;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.events.UserUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The index's merge rules, event by event, without Kafka. */
class RevocationIndexTest {

    private static final String U = "u1";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    static UserState state(long v, UserStatus status, Instant revokedBefore) {
        return new UserState(U, "org", "alice-acme", true, status, "read", Map.of(), null, revokedBefore, v, T0);
    }

    static UserProvisioned provisioned(long v) {
        return new UserProvisioned("e-p" + v, T0, U, "org", "alice-acme", v, null, null, "scim", null);
    }

    static UserDeactivated deactivated(long v, Instant revokedBefore) {
        return new UserDeactivated("e-d" + v, T1, U, "org", "alice-acme", v, revokedBefore, "scim:active=false");
    }

    static UserReactivated reactivated(long v) {
        return new UserReactivated("e-r" + v, T2, U, "org", "alice-acme", v);
    }

    static UserDeleted deleted(long v) {
        return new UserDeleted("e-x" + v, T2, U, "org", "alice-acme", v);
    }

    /** Events in arrival order → expected status, revokedBefore and version. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("provisioned", List.of(provisioned(1)), UserStatus.ACTIVE, null, 1L),
                Arguments.of("snapshot only", List.of(state(1, UserStatus.ACTIVE, null)), UserStatus.ACTIVE, null, 1L),
                Arguments.of("deactivated", List.of(provisioned(1), deactivated(2, T1)), UserStatus.DEACTIVATED, T1, 2L),
                Arguments.of("stale snapshot after deactivation does not reactivate",
                        List.of(deactivated(2, T1), state(1, UserStatus.ACTIVE, null)), UserStatus.DEACTIVATED, T1, 2L),
                Arguments.of("stale lifecycle after newer snapshot is ignored",
                        List.of(state(3, UserStatus.DEACTIVATED, T1), reactivated(2)), UserStatus.DEACTIVATED, T1, 3L),
                Arguments.of("equal versions from both topics agree (state first)",
                        List.of(state(2, UserStatus.DEACTIVATED, T1), deactivated(2, T1)), UserStatus.DEACTIVATED, T1, 2L),
                Arguments.of("equal versions from both topics agree (event first)",
                        List.of(deactivated(2, T1), state(2, UserStatus.DEACTIVATED, T1)), UserStatus.DEACTIVATED, T1, 2L),
                Arguments.of("reactivation keeps revokedBefore",
                        List.of(deactivated(2, T1), reactivated(3)), UserStatus.ACTIVE, T1, 3L),
                Arguments.of("reactivated snapshot without revokedBefore keeps it",
                        List.of(deactivated(2, T1), state(3, UserStatus.ACTIVE, null)), UserStatus.ACTIVE, T1, 3L),
                Arguments.of("revokedBefore never moves back",
                        List.of(deactivated(2, T2), reactivated(3), deactivated(4, T1)), UserStatus.DEACTIVATED, T2, 4L),
                Arguments.of("deleted", List.of(provisioned(1), deleted(2)), UserStatus.DELETED, T2, 2L),
                Arguments.of("deleted snapshot", List.of(state(5, UserStatus.DELETED, null)), UserStatus.DELETED, null, 5L),
                Arguments.of("update keeps status",
                        List.of(deactivated(2, T1), new UserUpdated("e-u", T2, U, "org", "alice-acme", 3, "a@b", "A", List.of("email"))),
                        UserStatus.DEACTIVATED, T1, 3L),
                Arguments.of("membership change of an unknown suspended user refuses",
                        List.of(new MembershipChanged("e-m", T2, U, "org", "alice-acme", 4, "read", Map.of(), true)),
                        UserStatus.DEACTIVATED, null, 4L),
                Arguments.of("redelivery changes nothing",
                        List.of(provisioned(1), deactivated(2, T1), deactivated(2, T1), provisioned(1)), UserStatus.DEACTIVATED, T1, 2L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesByVersion(String name, List<HubEvent> events, UserStatus status, Instant revokedBefore, long version) {
        RevocationIndex index = new RevocationIndex();
        events.forEach(index::apply);
        UserStanding user = index.user(U).orElseThrow();
        assertEquals(status, user.status(), name);
        assertEquals(revokedBefore, user.revokedBefore(), name);
        assertEquals(version, user.userVersion(), name);
    }

    @Test
    void credentialsIssuedBeforeRevocationStayDeadAfterReactivation() {
        RevocationIndex index = new RevocationIndex();
        index.apply(provisioned(1));
        index.apply(deactivated(2, T1));
        index.apply(reactivated(3));
        UserStanding user = index.user(U).orElseThrow();
        assertFalse(user.acceptsCredentialIssuedAt(T1.minusNanos(1000)), "issued before the deactivation instant");
        assertTrue(user.acceptsCredentialIssuedAt(T1), "issued at the instant");
        assertTrue(user.acceptsCredentialIssuedAt(T2), "issued after reactivation");
    }

    @Test
    void inactiveUsersAcceptNothing() {
        RevocationIndex index = new RevocationIndex();
        index.apply(deactivated(2, T1));
        assertFalse(index.user(U).orElseThrow().acceptsCredentialIssuedAt(T2));
        index.apply(deleted(3));
        assertFalse(index.user(U).orElseThrow().acceptsCredentialIssuedAt(T2.plusSeconds(10)));
    }

    @Test
    void usernameLookupFollowsRenames() {
        RevocationIndex index = new RevocationIndex();
        index.apply(provisioned(1));
        assertEquals(U, index.userByUsername("alice-acme").orElseThrow().userId());
        index.apply(new UserUpdated("e-u", T1, U, "org", "alice2-acme", 2, null, null, List.of("userName")));
        assertTrue(index.userByUsername("alice-acme").isEmpty(), "old name released");
        assertEquals(U, index.userByUsername("alice2-acme").orElseThrow().userId());
    }

    @Test
    void revocationsRefuseTokensAndSessions() {
        RevocationIndex index = new RevocationIndex();
        assertFalse(index.isTokenRevoked("t1"));
        index.apply(new SessionRevoked("e1", T1, U, "org", null, "t1", "admin"));
        assertTrue(index.isTokenRevoked("t1"));
        assertFalse(index.isTokenRevoked("t2"));
        index.apply(new SessionRevoked("e2", T1, U, "org", "s1", null, "logout"));
        assertTrue(index.isSessionRevoked(U, "s1", T2));
        assertFalse(index.isSessionRevoked(U, "s2", T0));
        index.apply(new SessionRevoked("e3", T1, U, "org", null, null, "backchannel-logout"));
        assertTrue(index.isSessionRevoked(U, "s2", T0), "all sessions issued before the revocation");
        assertFalse(index.isSessionRevoked(U, "s3", T2), "a later session survives");
    }

    @Test
    void notReadyBeforeFollowing() {
        assertFalse(new RevocationIndex().isReady());
    }
}
