package dev.hubsso.scim.users;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.scim.accounts.HubUsernameIndex;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.SqlFilter;
import dev.hubsso.scim.groups.GroupService;
import dev.hubsso.scim.users.UserRepresentation.GroupRef;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.patch.PatchOperation;
import dev.hubsso.scim.patch.PatchResult;
import dev.hubsso.scim.patch.UserPatcher;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SCIM User store of each organization. Every change commits together with its
 * {@code ScimUserChanged} outbox row; changes to one user apply one after the other (a row lock
 * for creates and deletes, a version check for PUT and PATCH), so the per-user event versions
 * strictly increase.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final UserInserts inserts;
    private final GroupService groups;
    private final Outbox outbox;
    private final HubUsernameIndex hubAccounts;
    private final Clock clock = Clock.systemUTC();

    public UserService(UserRepository users, UserInserts inserts, GroupService groups, Outbox outbox, HubUsernameIndex hubAccounts) {
        this.users = users;
        this.inserts = inserts;
        this.groups = groups;
        this.outbox = outbox;
        this.hubAccounts = hubAccounts;
    }

    /** The groups of each user (computed {@code groups}), read outside any transaction. */
    public Uni<Map<UUID, List<GroupRef>>> groupsOf(Collection<UUID> userIds) {
        return users.groupsOf(userIds);
    }

    /** A page of users matching a filter (or all when null), in a stable order. */
    public record Page(long totalResults, List<StoredUser> users) {
    }

    /**
     * Creates a user: 409 uniqueness when its userName or derived hub username is taken in the
     * org, or when a hub account it would not take over holds that username.
     */
    public Uni<StoredUser> create(ScimCaller caller, ScimUser user) {
        String hubUsername = deriveHubUsername(caller.org(), user.userName());
        UUID id = UUID.randomUUID();
        Instant now = now();
        UserEntity e = new UserEntity();
        e.id = id;
        e.orgId = caller.orgId();
        UserMapping.write(e, user, hubUsername);
        e.version = 1;
        e.created = now;
        e.lastModified = now;
        StoredUser stored = UserMapping.toStored(e);
        Object[] event = outbox.columnValues(event(caller, stored, Change.CREATED, user.presentAttributes(), now));
        // one statement inserts the user and its event; a taken name inserts neither
        return Uni.createFrom().voidItem().invoke(() -> checkHubAccounts(caller.orgId(), id, user, hubUsername))
                .chain(() -> inserts.insert(e, event)).chain(inserted -> inserted
                ? Uni.createFrom().item(stored)
                : checkUnique(caller.orgId(), id, user.userName(), hubUsername).map(v -> {
                    // the holder was deleted in the meantime: the IdP's retry will succeed
                    throw ScimException.uniqueness("userName '" + user.userName() + "' was taken by a concurrent request");
                }));
    }

    /** A user of the caller's org; 404 when there is none. */
    public Uni<StoredUser> get(ScimCaller caller, UUID id) {
        return users.read(caller.orgId(), id).map(e -> {
            if (e == null) {
                throw notFound(id);
            }
            return UserMapping.toStored(e);
        });
    }

    /**
     * Users of the caller's org matching {@code filter} (all when null), in {@code orderBy} order,
     * from the 1-based {@code startIndex}, at most {@code count} of them.
     */
    public Uni<Page> list(ScimCaller caller, SqlFilter filter, String orderBy, int startIndex, int count) {
        return users.search(caller.orgId(), filter, orderBy, startIndex - 1, count)
                .map(page -> new Page(page.total(), page.users().stream().map(UserMapping::toStored).toList()));
    }

    /**
     * Applies PATCH operations atomically. A PATCH that changes nothing keeps the version and
     * emits no event.
     *
     * @param ifMatch the If-Match header, or null
     */
    public Uni<StoredUser> patch(ScimCaller caller, UUID id, String ifMatch, List<PatchOperation> operations) {
        return change(caller, id, ifMatch, before -> {
            PatchResult result = UserPatcher.apply(before.user(), operations);
            return new Edit(result.user(), result.changedAttributes());
        }, 1);
    }

    /**
     * Replaces a user's attributes with those of a PUT body ({@code active} kept when omitted).
     * A PUT that changes nothing keeps the version and emits no event.
     */
    public Uni<StoredUser> replace(ScimCaller caller, UUID id, String ifMatch, com.fasterxml.jackson.databind.JsonNode body) {
        return change(caller, id, ifMatch, before -> {
            ScimUser after = UserPatcher.fromReplaceBody(body, before.user());
            return new Edit(after, before.user().changedAttributes(after));
        }, 1);
    }

    /** A user's new attributes and the names of those that changed. */
    private record Edit(ScimUser after, List<String> changed) {
    }

    /** Attempts of a change before giving up on a user that other writers keep changing. */
    static final int MAX_ATTEMPTS = 10;

    /**
     * Reads the user, computes the change, and writes it with its event in one statement if the
     * user is still at the version read (optimistic: no lock is held across the computation, and
     * the write is one round trip). When another writer got there first, the change is computed
     * again on what it wrote, so changes to one user still apply one after the other and their
     * event versions strictly increase. {@code If-Match} is checked against each version read.
     */
    private Uni<StoredUser> change(ScimCaller caller, UUID id, String ifMatch,
            java.util.function.Function<StoredUser, Edit> edit, int attempt) {
        return users.read(caller.orgId(), id).chain(e -> {
            if (e == null) {
                throw notFound(id);
            }
            ETags.checkIfMatch(ifMatch, e.version);
            StoredUser before = UserMapping.toStored(e);
            Edit change = edit.apply(before);
            if (change.changed().isEmpty()) {
                return Uni.createFrom().item(before);
            }
            ScimUser after = change.after();
            boolean renamed = change.changed().contains("userName");
            String hubUsername = renamed ? deriveHubUsername(caller.org(), after.userName()) : before.hubUsername();
            Uni<Void> unique = renamed ? checkUnique(caller.orgId(), id, after.userName(), hubUsername)
                    : Uni.createFrom().voidItem();
            if (renamed && !hubUsername.equals(before.hubUsername())) {
                unique = unique.invoke(() -> checkHubAccounts(caller.orgId(), id, after, hubUsername));
            }
            return unique.chain(() -> {
                Instant now = now();
                UserMapping.write(e, after, hubUsername);
                e.version = before.version() + 1;
                e.lastModified = now;
                StoredUser stored = UserMapping.toStored(e);
                Object[] event = outbox.columnValues(event(caller, stored, Change.UPDATED, change.changed(), now));
                return users.writeIfVersion(e, before.version(), event).chain(written -> {
                    if (written) {
                        return Uni.createFrom().item(stored);
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new ScimException(409, null, "User " + id + " is being changed by other requests; retry");
                    }
                    return change(caller, id, ifMatch, edit, attempt + 1);
                });
            });
        });
    }

    /** Deletes a user, removing it from its groups; the event carries the last snapshot. */
    @WithTransaction
    public Uni<Void> delete(ScimCaller caller, UUID id, String ifMatch) {
        return users.lockInOrg(caller.orgId(), id).chain(e -> {
            if (e == null) {
                throw notFound(id);
            }
            ETags.checkIfMatch(ifMatch, e.version);
            StoredUser last = UserMapping.toStored(e);
            StoredUser deleted = new StoredUser(last.id(), last.user(), last.hubUsername(), last.version() + 1,
                    last.created(), now());
            // the user leaves its groups first, each group change announced, all in this transaction
            return groups.removeFromAllGroups(caller, id)
                    .chain(() -> users.delete(e))
                    .chain(() -> outbox.append(event(caller, deleted, Change.DELETED, List.of(), deleted.lastModified())));
        });
    }

    private Uni<Void> checkUnique(String orgId, UUID self, String userName, String hubUsername) {
        return users.taken(orgId, userName, hubUsername, self).invoke(taken -> {
            if (taken.userName()) {
                throw ScimException.uniqueness("userName '" + userName + "' is already taken in this organization");
            }
            if (taken.hubUsername()) {
                throw ScimException.uniqueness("userName '" + userName + "' maps to the hub username '" + hubUsername
                        + "', which another user of this organization already has");
            }
        }).replaceWithVoid();
    }

    /**
     * 409 uniqueness when the hub account that provisioning would give this SCIM user is not the
     * one holding {@code hubUsername} (a JIT account of another person, a deleted account, ...):
     * provisioning would refuse the change, so the IdP must hear it now (ADR 0006).
     */
    private void checkHubAccounts(String orgId, UUID self, ScimUser user, String hubUsername) {
        hubAccounts.conflict(orgId, self.toString(), hubUsername, user.externalId(), user.hubEmail()).ifPresent(c -> {
            throw ScimException.uniqueness(c.detail(user.userName()));
        });
    }

    /** The managed hub username for a userName; 400 invalidValue when none can be formed. */
    static String deriveHubUsername(OrgConfig org, String userName) {
        if (!ManagedUsername.isValidShortCode(org.shortCode())) {
            throw new ScimException(500, null, "the organization is not configured for managed accounts");
        }
        try {
            return ManagedUsername.derive(userName, org.shortCode());
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
    }

    private static ScimUserChanged event(ScimCaller caller, StoredUser s, Change change, List<String> changed,
            Instant at) {
        return new ScimUserChanged(UUID.randomUUID().toString(), at, caller.orgId(), s.id().toString(), change,
                s.version(), UserMapping.snapshot(s), changed, caller.actor());
    }

    private static ScimException notFound(UUID id) {
        return ScimException.notFound("User " + id + " not found");
    }

    private Instant now() {
        // millisecond precision: what the JSON shows is exactly what PostgreSQL keeps
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
