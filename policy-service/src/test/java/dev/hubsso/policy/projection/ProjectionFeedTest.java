package dev.hubsso.policy.projection;

import static dev.hubsso.policy.projection.PolicyProjectionTest.org;
import static dev.hubsso.policy.projection.PolicyProjectionTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.kit.fence.IdpDeactivationFence;
import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How a replica combines its projection and its IdP deactivation fence (no broker: the feed is not started). */
class ProjectionFeedTest {

    private final AtomicLong clock = new AtomicLong();
    private final IdpDeactivationFence fence = new IdpDeactivationFence(Duration.ofSeconds(30), clock::get);
    private final ProjectionFeed feed = new ProjectionFeed("unit", "localhost:1", Map.of(), fence);

    @Test
    void scimDeactivationRefusesTheManagedAccountUntilAReactivation() {
        feed.projection().apply(org("o-acme", "acme", true, 1, false));
        feed.projection().apply(state("u1", "Alice-acme", UserStatus.ACTIVE, 1, "o-acme"));
        assertEquals(Rule.MANAGED_TOKEN_CREATE, feed.rule("u1", null, Action.TOKEN_CREATE, null));

        fence.apply(scim("o-acme", "alice-ACME", false, 2));
        assertEquals(Rule.IDP_DEACTIVATED, feed.rule("u1", null, Action.TOKEN_CREATE, null));
        assertEquals(Rule.IDP_DEACTIVATED, feed.rule(null, "ALICE-acme", Action.TOKEN_CREATE, null), "by username, any case");

        fence.apply(scim("o-acme", "alice-acme", true, 1));
        assertEquals(Rule.IDP_DEACTIVATED, feed.rule("u1", null, Action.TOKEN_CREATE, null), "an older SCIM record changes nothing");

        fence.apply(scim("o-acme", "alice-acme", true, 3));
        assertEquals(Rule.MANAGED_TOKEN_CREATE, feed.rule("u1", null, Action.TOKEN_CREATE, null), "a newer active=true lifts it");
    }

    @Test
    void fenceIsKeyedByOrganizationAndOnlyHoldsForAWhile() {
        feed.projection().apply(org("o-acme", "acme", true, 1, false));
        feed.projection().apply(state("u1", "alice-acme", UserStatus.ACTIVE, 1, "o-acme"));
        fence.apply(scim("o-other", "alice-acme", false, 2));
        assertEquals(Rule.MANAGED_TOKEN_CREATE, feed.rule("u1", null, Action.TOKEN_CREATE, null), "another org's SCIM user");

        fence.apply(new ScimUserChanged("e", Instant.now(), "o-acme", "s1", Change.DELETED, 4,
                new ScimUserSnapshot("alice@acme.test", null, null, null, null, null, true, "alice-acme"), List.of(), "t"));
        assertEquals(Rule.IDP_DEACTIVATED, feed.rule("u1", null, Action.TOKEN_CREATE, null), "a SCIM deletion refuses too");
        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        assertEquals(Rule.MANAGED_TOKEN_CREATE, feed.rule("u1", null, Action.TOKEN_CREATE, null),
                "after the hold, provisioning's own events decide");
    }

    @Test
    void fenceDoesNotTouchUnmanagedOrAlreadyDecidedAccounts() {
        feed.projection().apply(new UserState("u2", null, "bob", false, UserStatus.ACTIVE, null, Map.of(), null, null, 1, Instant.now()));
        fence.apply(scim(null, "bob", false, 2));
        assertEquals(Rule.NOT_MANAGED, feed.rule(null, "bob", Action.TOKEN_CREATE, null));
        feed.projection().apply(state("u3", "eve-acme", UserStatus.DELETED, 5, "o-acme"));
        fence.apply(scim("o-acme", "eve-acme", false, 9));
        assertEquals(Rule.ACCOUNT_DELETED, feed.rule("u3", null, Action.TOKEN_CREATE, null));
    }

    static ScimUserChanged scim(String orgId, String hubUsername, boolean active, long version) {
        return new ScimUserChanged("e-" + version, Instant.now(), orgId, "s-" + hubUsername, Change.UPDATED, version,
                new ScimUserSnapshot(hubUsername + "@idp.test", null, null, null, null, null, active, hubUsername),
                List.of("active"), "scim-token:t");
    }
}
