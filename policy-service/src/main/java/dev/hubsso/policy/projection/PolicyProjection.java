package dev.hubsso.policy.projection;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.MembershipChanged;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserLifecycleEvent;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserUpdated;
import dev.hubsso.policy.rules.AccountStatus;
import dev.hubsso.policy.rules.Organization;
import dev.hubsso.policy.rules.Subject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view the rules decide on: accounts by id and by lower-case username,
 * organizations by id and by lower-case name.
 *
 * <p>One writer (the topic follower's thread) applies events through {@link #apply}; any number
 * of readers look up concurrently. Entries are immutable records replaced whole, so a reader
 * sees either the old or the new snapshot of an account, never a mix.
 *
 * <p>Idempotent and order-tolerant: an update is applied only if its version is at least the
 * held one ({@code userVersion} for accounts, {@code version} for organizations), so a
 * redelivered or late event, or a snapshot older than a lifecycle event already seen, changes
 * nothing. Equal versions are applied: the snapshot and the lifecycle event of one change carry
 * the same version and say the same thing.
 */
public final class PolicyProjection {

    private final Map<String, Subject> usersById = new ConcurrentHashMap<>();
    private final Map<String, Subject> usersByName = new ConcurrentHashMap<>();
    private final Map<String, Organization> orgsById = new ConcurrentHashMap<>();
    private final Map<String, Organization> orgsByName = new ConcurrentHashMap<>();
    /** Other accounts that claimed a (reused) name held by someone else; only the writer thread touches it. */
    private final Map<String, Set<String>> nameClaimants = new HashMap<>();

    /** The account with this hub id, or null. */
    public Subject userById(String userId) {
        return userId == null ? null : usersById.get(userId);
    }

    /** The account with this username (case-insensitive), or null. */
    public Subject userByName(String username) {
        return username == null ? null : usersByName.get(key(username));
    }

    /** The organization with this id, or null. */
    public Organization orgById(String orgId) {
        return orgId == null ? null : orgsById.get(orgId);
    }

    /** The organization with this name (case-insensitive), or null. */
    public Organization orgByName(String name) {
        return name == null ? null : orgsByName.get(key(name));
    }

    /** Number of accounts held (any status). */
    public int userCount() {
        return usersById.size();
    }

    /** Number of organizations held (deleted ones included). */
    public int orgCount() {
        return orgsById.size();
    }

    /**
     * Applies one event; events of other types are ignored.
     *
     * @return true if the projection changed
     */
    public boolean apply(HubEvent event) {
        if (event instanceof UserState s) {
            return applyState(s);
        }
        if (event instanceof UserLifecycleEvent e) {
            return applyLifecycle(e);
        }
        if (event instanceof OrgConfig o) {
            return applyOrg(o);
        }
        return false;
    }

    private boolean applyState(UserState s) {
        if (s.userId() == null || s.status() == null) {
            return false;
        }
        AccountStatus status = switch (s.status()) {
            case ACTIVE -> AccountStatus.ACTIVE;
            case DEACTIVATED -> AccountStatus.DEACTIVATED;
            case DELETED -> AccountStatus.DELETED;
        };
        return putUser(new Subject(s.userId(), s.username(), s.managed(), status, s.orgId(), s.userVersion()));
    }

    private boolean applyLifecycle(UserLifecycleEvent e) {
        if (e.userId() == null) {
            return false;
        }
        Subject held = usersById.get(e.userId());
        if (held != null && e.userVersion() < held.version()) {
            return false;
        }
        // Lifecycle events are only ever emitted for managed accounts.
        AccountStatus heldStatus = held == null ? AccountStatus.ACTIVE : held.status();
        AccountStatus status;
        if (e instanceof UserProvisioned || e instanceof UserReactivated) {
            status = AccountStatus.ACTIVE;
        } else if (e instanceof UserDeactivated) {
            status = AccountStatus.DEACTIVATED;
        } else if (e instanceof UserDeleted) {
            status = AccountStatus.DELETED;
        } else if (e instanceof MembershipChanged m && m.suspended() && heldStatus == AccountStatus.ACTIVE) {
            status = AccountStatus.DEACTIVATED;
        } else if (e instanceof UserUpdated || e instanceof MembershipChanged) {
            status = heldStatus;
        } else {
            return false;
        }
        String username = e.username() != null ? e.username() : held == null ? null : held.username();
        String orgId = e.orgId() != null ? e.orgId() : held == null ? null : held.orgId();
        return putUser(new Subject(e.userId(), username, true, status, orgId, e.userVersion()));
    }

    private boolean putUser(Subject snapshot) {
        Subject held = usersById.get(snapshot.userId());
        // the same (interned) snapshot in both maps: one Subject and one orgId string per account
        Subject next = intern(snapshot);
        if (held != null && next.version() < held.version()) {
            return false;
        }
        if (next.equals(held)) {
            return false;
        }
        usersById.put(next.userId(), next);
        if (held != null && held.username() != null
                && (next.username() == null || !key(held.username()).equals(key(next.username())))) {
            // renamed away: the old name goes to another live claimant, if any
            String oldKey = key(held.username());
            Subject heir = liveClaimant(oldKey, next.userId());
            usersByName.computeIfPresent(oldKey, (k, v) -> v.userId().equals(next.userId()) ? heir : v);
        }
        if (next.username() != null) {
            claimName(key(next.username()), next);
        }
        return true;
    }

    /**
     * Gives a name to the account that should hold it whatever the order the snapshots arrived in
     * (they come from different partitions): a live account wins over a deleted one; accounts that
     * lose are remembered as claimants, so that the name passes to a live one when its holder is
     * deleted or renamed later. Claimants exist only for reused names, so this costs nothing in
     * the common case.
     */
    private void claimName(String key, Subject next) {
        Subject current = usersByName.get(key);
        if (current == null || current.userId().equals(next.userId())) {
            Subject live = next.status() == AccountStatus.DELETED ? liveClaimant(key, next.userId()) : null;
            if (live != null) {
                usersByName.put(key, live);
                addClaimant(key, next.userId());
            } else {
                usersByName.put(key, next);
            }
        } else if (next.status() != AccountStatus.DELETED || current.status() == AccountStatus.DELETED) {
            usersByName.put(key, next);
            addClaimant(key, current.userId());
        } else {
            addClaimant(key, next.userId());
        }
    }

    private void addClaimant(String key, String userId) {
        nameClaimants.computeIfAbsent(key, k -> new HashSet<>(2)).add(userId);
    }

    /** A live account, other than {@code except}, that still carries this name, or null. */
    private Subject liveClaimant(String key, String except) {
        Set<String> ids = nameClaimants.get(key);
        if (ids == null) {
            return null;
        }
        Subject found = null;
        for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
            String id = it.next();
            Subject s = usersById.get(id);
            if (s == null || s.username() == null || !key(s.username()).equals(key)) {
                it.remove(); // no longer carries the name
            } else if (found == null && !id.equals(except) && s.status() != AccountStatus.DELETED) {
                found = s;
            }
        }
        if (ids.isEmpty()) {
            nameClaimants.remove(key);
        }
        return found;
    }

    private boolean applyOrg(OrgConfig o) {
        if (o.orgId() == null || o.name() == null) {
            return false;
        }
        Organization held = orgsById.get(o.orgId());
        if (held != null && o.version() < held.version()) {
            return false;
        }
        Organization next = new Organization(o.orgId(), o.name(), o.publicContentAllowed(), o.deleted(), o.version());
        if (next.equals(held)) {
            return false;
        }
        orgsById.put(next.orgId(), next);
        if (held != null && !key(held.name()).equals(key(next.name()))) {
            orgsByName.computeIfPresent(key(held.name()), (k, v) -> v.orgId().equals(next.orgId()) ? null : v);
        }
        if (next.deleted()) {
            orgsByName.computeIfPresent(key(next.name()), (k, v) -> v.orgId().equals(next.orgId()) ? null : v);
        } else {
            orgsByName.put(key(next.name()), next);
        }
        return true;
    }

    /**
     * Shares one orgId string among the accounts of an organization: with a million accounts in
     * ten thousand organizations, one copy per organization instead of one per account.
     */
    private Subject intern(Subject s) {
        if (s.orgId() == null) {
            return s;
        }
        Organization org = orgsById.get(s.orgId());
        if (org == null || org.orgId() == s.orgId()) {
            return s;
        }
        return new Subject(s.userId(), s.username(), s.managed(), s.status(), org.orgId(), s.version());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
