package dev.hubsso.provisioning.accounts.core;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.MembershipChanged;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.events.UserUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a SCIM user change does to a hub account, and which events announce it. Pure: the
 * caller loads the account, supplies what needs the database (is the username free?), and
 * persists the outcome and its events in one transaction.
 *
 * <p>Rules: a change whose SCIM version is not newer than the last applied one changes nothing
 * (redelivery, replay); a deleted account never changes again; every applied change bumps the
 * account version once and every event of that change carries it; the {@link UserState}
 * snapshot comes last.
 */
public final class AccountLifecycle {

    /** Reason of a deactivation that the IdP asked for over SCIM. */
    public static final String SCIM_DEACTIVATION = "scim:active=false";
    /** Source of an account created over SCIM. */
    public static final String SOURCE_SCIM = "scim";

    private AccountLifecycle() {
    }

    /**
     * What the caller knows that the rules need.
     *
     * @param newAccountId id for an account created by this change
     * @param defaultRole the org's default role, given to new accounts
     * @param desiredUsername the hub username the SCIM user maps to
     * @param usernameTakenByOther true if another account (another SCIM user) holds that username
     * @param now when the change is applied
     * @param eventIds source of unique event ids
     */
    public record Context(String newAccountId, String defaultRole, String desiredUsername,
            boolean usernameTakenByOther, Instant now, Supplier<String> eventIds) {
    }

    /** The outcome of a SCIM change. */
    public sealed interface Decision permits Skip, Apply {
    }

    /**
     * Nothing to change.
     *
     * @param kind expected (redelivery, after deletion) or a rejected event
     * @param reason why, for the log
     */
    public record Skip(SkipKind kind, String reason) implements Decision {
    }

    /** Why a change is not applied. */
    public enum SkipKind {
        /** The SCIM version was already applied: a redelivery or a replay. */
        ALREADY_APPLIED,
        /** The account is deleted; nothing brings it back. */
        ACCOUNT_DELETED,
        /** The event cannot be applied (unknown org, username held by another account, bad data). */
        REJECTED
    }

    /**
     * Store {@code after} and publish {@code events} (in order) in one transaction.
     *
     * @param after the account after the change
     * @param created true if the account did not exist before
     * @param events lifecycle events then the snapshot; empty when only the SCIM version advanced
     * @param note something the caller should log (e.g. a rename refused), or null
     */
    public record Apply(AccountRecord after, boolean created, List<HubEvent> events, String note) implements Decision {
        public Apply {
            events = List.copyOf(events);
        }
    }

    /**
     * Decides the effect of {@code change} on {@code current}.
     *
     * @param current the account of the change's SCIM user, or null if there is none yet
     */
    public static Decision decide(AccountRecord current, ScimUserChanged change, Context ctx) {
        if (current != null) {
            if (current.status() == UserStatus.DELETED) {
                return new Skip(SkipKind.ACCOUNT_DELETED, "account " + current.id() + " is deleted; SCIM version " + change.version() + " ignored");
            }
            if (change.version() <= current.lastScimVersion()) {
                return new Skip(SkipKind.ALREADY_APPLIED, "SCIM version " + change.version() + " already applied (last "
                        + current.lastScimVersion() + ")");
            }
        }
        if (change.change() == Change.DELETED) {
            return current == null ? tombstone(change, ctx) : delete(current, change, ctx);
        }
        if (change.user() == null) {
            return new Skip(SkipKind.REJECTED, "SCIM " + change.change() + " event " + change.eventId() + " carries no user");
        }
        // an UPDATED for an unknown user means its creation never reached us: the snapshot is complete, so create
        return current == null ? create(change, ctx) : update(current, change, ctx);
    }

    private static Decision create(ScimUserChanged change, Context ctx) {
        if (ctx.usernameTakenByOther()) {
            return new Skip(SkipKind.REJECTED, "username " + ctx.desiredUsername() + " of SCIM user " + change.scimUserId()
                    + " is held by another account");
        }
        ScimUserSnapshot u = change.user();
        boolean active = u.active();
        AccountRecord a = new AccountRecord(ctx.newAccountId(), change.orgId(), change.scimUserId(),
                ctx.desiredUsername(), blankToNull(u.email()), displayName(u), blankToNull(u.externalId()),
                active ? UserStatus.ACTIVE : UserStatus.DEACTIVATED, ctx.defaultRole(), Map.of(),
                active ? null : ctx.now(), 1, change.version());
        List<HubEvent> events = new ArrayList<>();
        events.add(new UserProvisioned(ctx.eventIds().get(), ctx.now(), a.id(), a.orgId(), a.username(),
                a.userVersion(), a.email(), a.displayName(), SOURCE_SCIM, a.externalId()));
        events.add(membership(a, ctx));
        if (!active) {
            events.add(deactivated(a, ctx));
        }
        events.add(state(a, ctx));
        return new Apply(a, true, events, null);
    }

    private static Decision update(AccountRecord current, ScimUserChanged change, Context ctx) {
        ScimUserSnapshot u = change.user();
        List<String> changed = new ArrayList<>();
        String note = null;
        String username = current.username();
        if (!current.username().equals(ctx.desiredUsername())) {
            if (ctx.usernameTakenByOther()) {
                note = "rename of " + current.username() + " to " + ctx.desiredUsername()
                        + " refused: held by another account";
            } else {
                username = ctx.desiredUsername();
                changed.add("username");
            }
        }
        String email = blankToNull(u.email());
        if (!Objects.equals(current.email(), email)) {
            changed.add("email");
        }
        String displayName = displayName(u);
        if (!Objects.equals(current.displayName(), displayName)) {
            changed.add("displayName");
        }
        String externalId = blankToNull(u.externalId());
        if (!Objects.equals(current.externalId(), externalId)) {
            changed.add("externalId");
        }
        boolean wasActive = current.status() == UserStatus.ACTIVE;
        boolean deactivate = wasActive && !u.active();
        boolean reactivate = !wasActive && u.active();
        // the first SCIM change of an account created just in time binds it to this SCIM user: even
        // when nothing else changes, a new snapshot says so (scim-service decides takeovers by it)
        boolean linking = current.lastScimVersion() == 0 && current.scimUserId() != null;

        if (changed.isEmpty() && !deactivate && !reactivate && !linking) {
            AccountRecord same = with(current, current.username(), current.email(), current.displayName(),
                    current.externalId(), current.status(), current.revokedBefore(), current.userVersion(),
                    change.version());
            return new Apply(same, false, List.of(), note);
        }
        UserStatus status = deactivate ? UserStatus.DEACTIVATED : reactivate ? UserStatus.ACTIVE : current.status();
        // reactivation keeps revokedBefore: credentials from before the deactivation stay dead
        Instant revokedBefore = deactivate ? ctx.now() : current.revokedBefore();
        AccountRecord a = with(current, username, email, displayName, externalId, status, revokedBefore,
                current.userVersion() + 1, change.version());
        List<HubEvent> events = new ArrayList<>();
        if (!changed.isEmpty()) {
            events.add(new UserUpdated(ctx.eventIds().get(), ctx.now(), a.id(), a.orgId(), a.username(),
                    a.userVersion(), a.email(), a.displayName(), changed));
        }
        if (deactivate) {
            events.add(deactivated(a, ctx));
            events.add(membership(a, ctx));
        }
        if (reactivate) {
            events.add(new UserReactivated(ctx.eventIds().get(), ctx.now(), a.id(), a.orgId(), a.username(),
                    a.userVersion()));
            events.add(membership(a, ctx));
        }
        events.add(state(a, ctx));
        return new Apply(a, false, events, note);
    }

    private static Decision delete(AccountRecord current, ScimUserChanged change, Context ctx) {
        AccountRecord a = with(current, current.username(), current.email(), current.displayName(),
                current.externalId(), UserStatus.DELETED, current.revokedBefore(), current.userVersion() + 1,
                change.version());
        List<HubEvent> events = List.of(
                new UserDeleted(ctx.eventIds().get(), ctx.now(), a.id(), a.orgId(), a.username(), a.userVersion()),
                state(a, ctx));
        return new Apply(a, false, events, null);
    }

    /**
     * A deletion of a user we never provisioned: remember it, without events (nobody downstream
     * knew the account), so that a late or replayed creation cannot bring it to life.
     */
    private static Decision tombstone(ScimUserChanged change, Context ctx) {
        if (change.user() == null || ctx.desiredUsername() == null || ctx.usernameTakenByOther()) {
            return new Skip(SkipKind.REJECTED, "deletion of unknown SCIM user " + change.scimUserId());
        }
        ScimUserSnapshot u = change.user();
        AccountRecord a = new AccountRecord(ctx.newAccountId(), change.orgId(), change.scimUserId(),
                ctx.desiredUsername(), blankToNull(u.email()), displayName(u), blankToNull(u.externalId()),
                UserStatus.DELETED, ctx.defaultRole(), Map.of(), ctx.now(), 0, change.version());
        return new Apply(a, true, List.of(), "deletion of never-provisioned SCIM user " + change.scimUserId()
                + " recorded as a tombstone");
    }

    private static UserDeactivated deactivated(AccountRecord a, Context ctx) {
        return new UserDeactivated(ctx.eventIds().get(), ctx.now(), a.id(), a.orgId(), a.username(), a.userVersion(),
                a.revokedBefore(), SCIM_DEACTIVATION);
    }

    public static MembershipChanged membership(AccountRecord a, Context ctx) {
        return new MembershipChanged(ctx.eventIds().get(), ctx.now(), a.id(), a.orgId(), a.username(), a.userVersion(),
                a.orgRole(), a.resourceGroupRoles(), a.status() != UserStatus.ACTIVE);
    }

    /** The account's snapshot, with its SCIM link and externalId (what scim-service's username index needs). */
    public static UserState state(AccountRecord a, Context ctx) {
        return new UserState(a.id(), a.orgId(), a.username(), true, a.status(), a.orgRole(), a.resourceGroupRoles(), a.email(),
                a.revokedBefore(), a.userVersion(), ctx.now(), blankToNull(a.scimUserId()), blankToNull(a.externalId()));
    }

    private static AccountRecord with(AccountRecord c, String username, String email, String displayName,
            String externalId, UserStatus status, Instant revokedBefore, long userVersion, long lastScimVersion) {
        return new AccountRecord(c.id(), c.orgId(), c.scimUserId(), username, email, displayName, externalId, status,
                c.orgRole(), c.resourceGroupRoles(), revokedBefore, userVersion, lastScimVersion);
    }

    /** The SCIM displayName, else given and family name, else null. */
    static String displayName(ScimUserSnapshot u) {
        String d = blankToNull(u.displayName());
        if (d != null) {
            return d;
        }
        String given = blankToNull(u.givenName());
        String family = blankToNull(u.familyName());
        if (given == null && family == null) {
            return null;
        }
        return ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
