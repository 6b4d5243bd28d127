package dev.hubsso.provisioning.accounts.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserLifecycleEvent;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserUpdated;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Apply;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Decision;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Skip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The account lifecycle rules, as sequences of SCIM changes and the outcome of each. */
class AccountLifecycleTest {

    private static final String ORG = UUID.randomUUID().toString();
    private static final String SCIM_ID = "scim-1";
    private static final String NAME = "ada-acme";

    /**
     * One SCIM change and the expected outcome: {@code skip KIND}, or {@code vN: Event Event...}
     * ({@code vN: -} when only the SCIM version advanced).
     */
    record Step(Change change, long version, boolean active, String email, String username, boolean taken, String expect) {
    }

    static Step created(long v, boolean active, String expect) {
        return new Step(Change.CREATED, v, active, "ada@acme.com", NAME, false, expect);
    }

    static Step updated(long v, boolean active, String email, String expect) {
        return new Step(Change.UPDATED, v, active, email, NAME, false, expect);
    }

    static Step deleted(long v, String expect) {
        return new Step(Change.DELETED, v, true, "ada@acme.com", NAME, false, expect);
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("full lifecycle", List.of(
                        created(1, true, "v1: UserProvisioned MembershipChanged UserState"),
                        updated(2, false, "ada@acme.com", "v2: UserDeactivated MembershipChanged UserState"),
                        updated(3, true, "ada@acme.com", "v3: UserReactivated MembershipChanged UserState"),
                        deleted(4, "v4: UserDeleted UserState"))),
                Arguments.of("redelivery and stale versions change nothing", List.of(
                        created(1, true, "v1: UserProvisioned MembershipChanged UserState"),
                        created(1, true, "skip ALREADY_APPLIED"),
                        updated(3, false, "ada@acme.com", "v2: UserDeactivated MembershipChanged UserState"),
                        updated(3, false, "ada@acme.com", "skip ALREADY_APPLIED"),
                        updated(2, true, "ada@acme.com", "skip ALREADY_APPLIED"))),
                Arguments.of("nothing resurrects a deleted account", List.of(
                        created(1, true, "v1: UserProvisioned MembershipChanged UserState"),
                        deleted(2, "v2: UserDeleted UserState"),
                        updated(1, true, "x@acme.com", "skip ACCOUNT_DELETED"),
                        created(1, true, "skip ACCOUNT_DELETED"),
                        updated(9, true, "x@acme.com", "skip ACCOUNT_DELETED"),
                        deleted(2, "skip ACCOUNT_DELETED"))),
                Arguments.of("created inactive", List.of(
                        created(1, false, "v1: UserProvisioned MembershipChanged UserDeactivated UserState"),
                        updated(2, true, "ada@acme.com", "v2: UserReactivated MembershipChanged UserState"))),
                Arguments.of("profile change, then a newer version with nothing new", List.of(
                        created(1, true, "v1: UserProvisioned MembershipChanged UserState"),
                        updated(2, true, "ada.l@acme.com", "v2: UserUpdated UserState"),
                        updated(3, true, "ada.l@acme.com", "v2: -"),
                        updated(3, true, "other@acme.com", "skip ALREADY_APPLIED"),
                        updated(4, false, "ada@acme.com", "v3: UserUpdated UserDeactivated MembershipChanged UserState"))),
                Arguments.of("an update for an unknown user creates it", List.of(
                        updated(5, true, "ada@acme.com", "v1: UserProvisioned MembershipChanged UserState"),
                        updated(5, true, "ada@acme.com", "skip ALREADY_APPLIED"))),
                Arguments.of("deleting an unknown user leaves a tombstone that blocks late creations", List.of(
                        deleted(3, "v0: -"),
                        created(1, true, "skip ACCOUNT_DELETED"),
                        updated(4, true, "ada@acme.com", "skip ACCOUNT_DELETED"))),
                Arguments.of("a username held by another account blocks creation", List.of(
                        new Step(Change.CREATED, 1, true, "a@acme.com", NAME, true, "skip REJECTED"),
                        created(2, true, "v1: UserProvisioned MembershipChanged UserState"))),
                Arguments.of("rename follows the IdP unless the name is taken", List.of(
                        created(1, true, "v1: UserProvisioned MembershipChanged UserState"),
                        new Step(Change.UPDATED, 2, true, "ada@acme.com", "lovelace-acme", true, "v1: -"),
                        new Step(Change.UPDATED, 3, true, "ada@acme.com", "lovelace-acme", false, "v2: UserUpdated UserState"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void appliesEachChangeAsExpected(String label, List<Step> steps) {
        AccountRecord account = null;
        List<String> outcomes = new ArrayList<>();
        for (Step s : steps) {
            Decision d = AccountLifecycle.decide(account, event(s), ctx(s.username(), s.taken(), Instant.now()));
            outcomes.add(describe(d));
            if (d instanceof Apply a) {
                account = a.after();
                assertEquals(s.version(), account.lastScimVersion());
            }
        }
        assertEquals(steps.stream().map(Step::expect).toList(), outcomes, label);
    }

    @Test
    void everyEventOfAChangeCarriesTheNewVersionAndTheSnapshotComesLast() {
        Apply created = (Apply) AccountLifecycle.decide(null, event(created(1, false, null)), ctx(NAME, false, Instant.now()));
        for (HubEvent e : created.events()) {
            long v = e instanceof UserLifecycleEvent l ? l.userVersion() : ((UserState) e).userVersion();
            assertEquals(1, v, e.toString());
            assertEquals(created.after().id(), e.key());
        }
        assertInstanceOf(UserState.class, created.events().get(created.events().size() - 1));
        assertEquals(created.events().size(), created.events().stream().map(HubEvent::ceId).distinct().count(),
                "distinct event ids");
    }

    @Test
    void reactivationKeepsTheRevocationInstantOfTheDeactivation() {
        Instant t1 = Instant.parse("2030-01-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(60);
        AccountRecord a = ((Apply) AccountLifecycle.decide(null, event(created(1, true, null)), ctx(NAME, false, t1))).after();
        assertNull(a.revokedBefore());
        Apply off = (Apply) AccountLifecycle.decide(a, event(updated(2, false, "ada@acme.com", null)), ctx(NAME, false, t1));
        assertEquals(t1, off.after().revokedBefore());
        assertEquals(t1, ((UserDeactivated) off.events().get(0)).revokedBefore());
        assertEquals("scim:active=false", ((UserDeactivated) off.events().get(0)).reason());
        Apply on = (Apply) AccountLifecycle.decide(off.after(), event(updated(3, true, "ada@acme.com", null)), ctx(NAME, false, t2));
        assertEquals(t1, on.after().revokedBefore());
        assertEquals(t1, ((UserState) on.events().get(on.events().size() - 1)).revokedBefore());
    }

    @Test
    void newAccountsGetTheOrgDefaultRoleAndTheIdpProfile() {
        Apply created = (Apply) AccountLifecycle.decide(null, event(created(1, true, null)), ctx(NAME, false, Instant.now()));
        assertEquals("contributor", created.after().orgRole());
        assertEquals("Ada Lovelace", created.after().displayName());
        assertEquals("ext-1", created.after().externalId());
        Apply changed = (Apply) AccountLifecycle.decide(created.after(),
                event(updated(2, true, "new@acme.com", null)), ctx(NAME, false, Instant.now()));
        assertEquals(List.of("email"), ((UserUpdated) changed.events().get(0)).changedAttributes());
    }

    @Test
    void theSnapshotCarriesTheScimLinkAndExternalId() {
        Apply created = (Apply) AccountLifecycle.decide(null, event(created(1, true, null)), ctx(NAME, false, Instant.now()));
        UserState state = (UserState) created.events().get(created.events().size() - 1);
        assertEquals(SCIM_ID, state.scimUserId());
        assertEquals("ext-1", state.externalId());
        assertEquals(created.after().id(), state.userId());
    }

    @Test
    void takingOverAJitAccountPublishesTheLinkEvenWhenNothingElseChanges() {
        // what JitService creates: no SCIM user, no SCIM version; the same person's profile
        AccountRecord jit = new AccountRecord(UUID.randomUUID().toString(), ORG, null, NAME, "ada@acme.com",
                "Ada Lovelace", "ext-1", dev.hubsso.events.UserState.UserStatus.ACTIVE, "read", java.util.Map.of(), null,
                1, 0);
        assertNull(((UserState) AccountLifecycle.state(jit, ctx(NAME, false, Instant.now()))).scimUserId(),
                "a JIT account is not linked");
        // ScimUserProvisioning binds the SCIM user id before deciding
        AccountRecord bound = new AccountRecord(jit.id(), ORG, SCIM_ID, jit.username(), jit.email(), jit.displayName(),
                jit.externalId(), jit.status(), jit.orgRole(), jit.resourceGroupRoles(), null, 1, 0);
        Decision d = AccountLifecycle.decide(bound, event(created(1, true, null)), ctx(NAME, false, Instant.now()));
        assertEquals("v2: UserState", describe(d));
        UserState state = (UserState) ((Apply) d).events().get(0);
        assertEquals(SCIM_ID, state.scimUserId());
        assertEquals(2, state.userVersion());
        // once linked, an unchanged profile is again no event
        assertEquals("v2: -", describe(AccountLifecycle.decide(((Apply) d).after(),
                event(updated(2, true, "ada@acme.com", null)), ctx(NAME, false, Instant.now()))));
    }

    private static String describe(Decision d) {
        if (d instanceof Skip s) {
            return "skip " + s.kind();
        }
        Apply a = (Apply) d;
        String events = a.events().isEmpty() ? "-"
                : a.events().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.joining(" "));
        return "v" + a.after().userVersion() + ": " + events;
    }

    private static ScimUserChanged event(Step s) {
        return new ScimUserChanged(UUID.randomUUID().toString(), Instant.now(), ORG, SCIM_ID, s.change(), s.version(),
                new ScimUserSnapshot("ada", "ext-1", "Ada", "Lovelace", null, s.email(), s.active(), s.username()),
                List.of(), "scim-token:t");
    }

    private static AccountLifecycle.Context ctx(String username, boolean taken, Instant now) {
        return new AccountLifecycle.Context(UUID.randomUUID().toString(), "contributor", username, taken, now,
                () -> UUID.randomUUID().toString());
    }
}
