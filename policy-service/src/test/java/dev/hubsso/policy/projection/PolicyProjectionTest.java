package dev.hubsso.policy.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.MembershipChanged;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.events.UserUpdated;
import dev.hubsso.policy.rules.AccountStatus;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Decision;
import dev.hubsso.policy.rules.PolicyRules;
import dev.hubsso.policy.rules.Reason;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Resource.Namespace;
import dev.hubsso.policy.rules.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyProjectionTest {

    private final PolicyProjection projection = new PolicyProjection();

    @Test
    void keepsTheHighestUserVersionWhateverTheOrder() {
        projection.apply(state("u1", "Alice-acme", UserStatus.DEACTIVATED, 5));
        assertFalse(projection.apply(new UserReactivated("e1", Instant.now(), "u1", "o-acme", "alice-acme", 4)),
                "an older lifecycle event changes nothing");
        assertEquals(AccountStatus.DEACTIVATED, projection.userById("u1").status());
        assertTrue(projection.apply(new UserReactivated("e2", Instant.now(), "u1", "o-acme", "alice-acme", 6)));
        assertEquals(AccountStatus.ACTIVE, projection.userById("u1").status());
        assertFalse(projection.apply(state("u1", "alice-acme", UserStatus.DEACTIVATED, 5)), "a stale snapshot changes nothing");
        assertEquals(AccountStatus.ACTIVE, projection.userById("u1").status());
        assertFalse(projection.apply(new UserReactivated("e2", Instant.now(), "u1", "o-acme", "alice-acme", 6)),
                "a redelivered event changes nothing");
    }

    @Test
    void lifecycleEventsAloneBuildManagedAccounts() {
        projection.apply(new UserProvisioned("e1", Instant.now(), "u2", "o-acme", "bob-acme", 1, null, null, "scim", null));
        Subject s = projection.userByName("BOB-ACME");
        assertEquals(new Subject("u2", "bob-acme", true, AccountStatus.ACTIVE, "o-acme", 1), s);
        projection.apply(new UserDeactivated("e2", Instant.now(), "u2", "o-acme", "bob-acme", 2, Instant.now(), "scim:active=false"));
        assertEquals(AccountStatus.DEACTIVATED, projection.userById("u2").status());
        projection.apply(new UserUpdated("e3", Instant.now(), "u2", "o-acme", "bob-acme", 3, "b@acme.test", "Bob", List.of("email")));
        assertEquals(AccountStatus.DEACTIVATED, projection.userById("u2").status(), "a profile update keeps the status");
        projection.apply(new UserDeleted("e4", Instant.now(), "u2", "o-acme", "bob-acme", 4));
        assertEquals(AccountStatus.DELETED, projection.userByName("bob-acme").status());
    }

    @Test
    void deactivationOfAnAccountNotSeenBeforeIsHeld() {
        projection.apply(new UserDeactivated("e1", Instant.now(), "u3", "o-acme", "new-acme", 7, Instant.now(), "scim"));
        assertEquals(AccountStatus.DEACTIVATED, projection.userByName("new-acme").status());
    }

    @Test
    void suspendedMembershipDeactivates() {
        projection.apply(state("u4", "carol-acme", UserStatus.ACTIVE, 1));
        projection.apply(new MembershipChanged("e1", Instant.now(), "u4", "o-acme", "carol-acme", 2, "read", Map.of(), true));
        assertEquals(AccountStatus.DEACTIVATED, projection.userById("u4").status());
        projection.apply(new MembershipChanged("e2", Instant.now(), "u4", "o-acme", "carol-acme", 3, "write", Map.of(), false));
        assertEquals(AccountStatus.DEACTIVATED, projection.userById("u4").status(), "only a reactivation reactivates");
    }

    @Test
    void renameMovesTheUsernameKey() {
        projection.apply(state("u5", "old-acme", UserStatus.ACTIVE, 1));
        projection.apply(state("u5", "new-acme", UserStatus.ACTIVE, 2));
        assertNull(projection.userByName("old-acme"));
        assertEquals("u5", projection.userByName("New-Acme").userId());
    }

    @Test
    void aLiveAccountKeepsAUsernameADeletedOneHad() {
        UserState deleted = state("u6", "dup-acme", UserStatus.DELETED, 9);
        UserState live = state("u7", "dup-acme", UserStatus.ACTIVE, 1);
        projection.apply(deleted);
        projection.apply(live);
        assertEquals("u7", projection.userByName("dup-acme").userId());

        PolicyProjection other = new PolicyProjection();
        other.apply(live);
        other.apply(deleted);
        assertEquals("u7", other.userByName("dup-acme").userId(), "same answer whatever the order");
        assertEquals(AccountStatus.DELETED, other.userById("u6").status());
    }

    @Test
    void organizationsByIdAndNameWithVersions() {
        projection.apply(org("o-acme", "acme", false, 1, false));
        assertEquals("o-acme", projection.orgByName("ACME").orgId());
        projection.apply(org("o-acme", "acme-corp", true, 2, false));
        assertNull(projection.orgByName("acme"), "renamed");
        assertTrue(projection.orgByName("acme-corp").publicContentAllowed());
        assertFalse(projection.apply(org("o-acme", "acme", false, 1, false)), "older snapshot ignored");
        assertTrue(projection.orgById("o-acme").publicContentAllowed());
        projection.apply(org("o-acme", "acme-corp", true, 3, true));
        assertNull(projection.orgByName("acme-corp"), "a deleted org has no name");
        assertTrue(projection.orgById("o-acme").deleted());
    }

    @Test
    void orgChangingPublicContentMidStreamChangesTheDecision() {
        projection.apply(state("u8", "dana-acme", UserStatus.ACTIVE, 1));
        projection.apply(org("o-acme", "acme", false, 1, false));
        Resource publicModel = Resource.repository(Resource.Type.MODEL, new Namespace(Namespace.Kind.ORG, "acme"),
                Resource.Visibility.PUBLIC, "m");
        assertEquals(Reason.PUBLIC_CONTENT_DISABLED, decide("dana-acme", publicModel).reason());
        projection.apply(org("o-acme", "acme", true, 2, false));
        Decision allowed = decide("dana-acme", publicModel);
        assertTrue(allowed.allow());
        assertEquals(Reason.ALLOWED, allowed.reason());
        projection.apply(org("o-acme", "acme", false, 1, false)); // late redelivery of the old snapshot
        assertTrue(decide("dana-acme", publicModel).allow());
        projection.apply(org("o-acme", "acme", false, 3, false));
        assertEquals(Reason.PUBLIC_CONTENT_DISABLED, decide("dana-acme", publicModel).reason());
    }

    @Test
    void reusedUsernameGoesToTheLiveAccountWhateverTheOrder() {
        List<UserState> records = List.of(
                state("u-old", "eve-acme", UserStatus.ACTIVE, 1),
                state("u-old", "eve-acme", UserStatus.DELETED, 2),
                state("u-new", "eve-acme", UserStatus.ACTIVE, 1));
        // every order the three snapshots can arrive in (the two accounts live on different partitions)
        int[][] orders = { { 0, 1, 2 }, { 0, 2, 1 }, { 2, 0, 1 } };
        for (int[] order : orders) {
            PolicyProjection p = new PolicyProjection();
            for (int i : order) {
                p.apply(records.get(i));
            }
            assertEquals("u-new", p.userByName("EVE-acme").userId(), "order " + java.util.Arrays.toString(order));
            assertEquals(AccountStatus.DELETED, p.userById("u-old").status());
        }
        PolicyProjection p = new PolicyProjection();
        p.apply(state("u-new", "eve-acme", UserStatus.ACTIVE, 1));
        p.apply(state("u-old", "eve-acme", UserStatus.ACTIVE, 1));
        p.apply(state("u-old", "eve-old-acme", UserStatus.ACTIVE, 2));
        assertEquals("u-new", p.userByName("eve-acme").userId(), "renamed away: the name goes back to the other claimant");
    }

    @Test
    void accountsShareTheirOrganizationsIdString() {
        projection.apply(org(new String("o-share"), "share", true, 1, false));
        projection.apply(state("u9", "x-share", UserStatus.ACTIVE, 1, new String("o-share")));
        assertSame(projection.orgById("o-share").orgId(), projection.userById("u9").orgId());
        assertSame(projection.userById("u9"), projection.userByName("x-share"),
                "one snapshot per account, held by id and by name (half the memory of two copies)");
    }

    private Decision decide(String username, Resource resource) {
        Subject s = projection.userByName(username);
        return PolicyRules.decide(s, projection.orgById(s.orgId()), Action.REPO_CREATE, resource);
    }

    static UserState state(String id, String username, UserStatus status, long version) {
        return state(id, username, status, version, "o-acme");
    }

    static UserState state(String id, String username, UserStatus status, long version, String orgId) {
        return new UserState(id, orgId, username, true, status, "write", Map.of(), null, null, version, Instant.now());
    }

    static OrgConfig org(String id, String name, boolean publicContent, long version, boolean deleted) {
        return new OrgConfig(id, name, "ac", OrgConfig.SsoMode.MANAGED, publicContent, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS,
                List.of(), "read", List.of(), null, version, deleted, Instant.now());
    }
}
