package dev.hubsso.scim.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index's rule, table by table, without Kafka: provisioning's takeover rule mirrored. */
class HubUsernameIndexTest {

    private static final String ORG = "org-1";
    private final HubUsernameIndex index = new HubUsernameIndex(null);

    private static UserState state(String userId, String org, String username, UserStatus status, long version,
            String email, String scimUserId, String externalId) {
        return new UserState(userId, org, username, true, status, "read", Map.of(), email, null, version, Instant.now(),
                scimUserId, externalId);
    }

    @Test
    void aFreeNameIsNoConflict() {
        assertTrue(index.conflict(ORG, "s1", "ada-acme", "ext-1", "ada@acme.com").isEmpty());
    }

    @Test
    void anUnclaimedAccountIsTakenOverByExternalIdThenEmailWithinItsOrgOnly() {
        index.apply(state("u1", ORG, "ada-acme", UserStatus.ACTIVE, 1, "Ada@Acme.com", null, "ext-ada"));
        assertTrue(index.conflict(ORG, "s1", "ada-acme", "ext-ada", null).isEmpty(), "externalId");
        assertTrue(index.conflict(ORG, "s1", "ADA-acme", null, "ada@ACME.com").isEmpty(), "email, case-insensitively");
        assertFalse(index.conflict(ORG, "s1", "ada-acme", "ext-other", "other@acme.com").isEmpty(), "another person");
        assertFalse(index.conflict("org-2", "s1", "ada-acme", "ext-ada", "ada@acme.com").isEmpty(), "another org");
        assertFalse(index.conflict(ORG, "s1", "ada-acme", null, null).isEmpty(), "nothing to match by");

        // an unclaimed account with the externalId comes first, even if another one has the email
        index.apply(state("u2", ORG, "ada-old-acme", UserStatus.ACTIVE, 1, null, null, "ext-2"));
        assertEquals("u2", index.accountOf(ORG, "s1", "ext-2", "ada@acme.com").orElseThrow().userId());
        assertFalse(index.conflict(ORG, "s1", "ada-acme", "ext-2", "ada@acme.com").isEmpty());
    }

    @Test
    void aClaimedAccountBelongsToItsScimUserOnly() {
        index.apply(state("u1", ORG, "ada-acme", UserStatus.ACTIVE, 1, "ada@acme.com", null, "ext-ada"));
        index.apply(state("u1", ORG, "ada-acme", UserStatus.ACTIVE, 2, "ada@acme.com", "s1", "ext-ada"));
        assertTrue(index.conflict(ORG, "s1", "ada-acme", null, null).isEmpty(), "its own SCIM user");
        assertFalse(index.conflict(ORG, "s2", "ada-acme", "ext-ada", "ada@acme.com").isEmpty(),
                "claimed: no longer matched by externalId or email");
        // the SCIM user's own account elsewhere means any other holder is a conflict
        index.apply(state("u3", ORG, "lovelace-acme", UserStatus.ACTIVE, 1, "ada@acme.com", null, null));
        assertFalse(index.conflict(ORG, "s1", "lovelace-acme", null, "ada@acme.com").isEmpty());
    }

    @Test
    void deletedAccountsKeepTheirNamesAndRenamesFreeTheOldOne() {
        index.apply(state("u1", ORG, "gone-acme", UserStatus.DELETED, 4, null, "s-old", null));
        assertEquals("a deleted hub account (deleted usernames stay taken)",
                index.conflict(ORG, "s1", "gone-acme", null, null).orElseThrow().detail("gone").replaceAll(".*held by ", ""));

        index.apply(state("u2", ORG, "bob-acme", UserStatus.ACTIVE, 1, null, "s2", null));
        index.apply(state("u2", ORG, "robert-acme", UserStatus.ACTIVE, 2, null, "s2", null));
        assertTrue(index.holder("bob-acme").isEmpty(), "renamed away");
        assertEquals("u2", index.holder("Robert-ACME").orElseThrow().userId());
        // a redelivered older snapshot changes nothing
        index.apply(state("u2", ORG, "bob-acme", UserStatus.ACTIVE, 1, null, "s2", null));
        assertTrue(index.holder("bob-acme").isEmpty());
        assertEquals(2, index.size());
    }
}
