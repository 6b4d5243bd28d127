package dev.hubsso.gateway.revocation;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.MembershipChanged;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.SessionRevoked;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserLifecycleEvent;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.events.UserUpdated;
import dev.hubsso.kit.fence.IdpDeactivationFence;
import dev.hubsso.kit.kafka.TopicFollower;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's in-memory view of which accounts and credentials are alive, built from the
 * compacted {@link Topics#USER_STATE} and {@link Topics#ORG_CONFIG} (read to their end before
 * {@link #isReady() ready}) and then
 * kept current from {@link Topics#USER_LIFECYCLE} and {@link Topics#SESSION_REVOCATIONS}. Every
 * replica follows every partition, so a deactivation or a revocation reaches all of them. It also
 * follows {@link Topics#SCIM_CHANGES}: an IdP's deactivation refuses the account through the
 * {@link IdpDeactivationFence} one hop before provisioning's own event arrives.
 *
 * <p>Per account, an update is applied only if its {@code userVersion} is at least the one held:
 * the snapshot and lifecycle topics may arrive in any order, and a stale snapshot never undoes a
 * newer deactivation. {@code revokedBefore} only ever moves forward: a reactivation makes the
 * account active again, but credentials issued before the last revocation stay dead.
 *
 * <p>Lookups are plain {@link ConcurrentHashMap} reads. Updates come from one follower thread
 * (plus {@link #revokeToken local revocations}), so per-account updates never race each other.
 * No framework imports: the class is unit-tested without Quarkus and built twice in tests to
 * prove a restarted replica reaches the same state.
 */
public final class RevocationIndex implements AutoCloseable {

    /** The topics the index follows and where each starts. */
    public static final List<Subscription> SUBSCRIPTIONS = List.of(
            new Subscription(Topics.USER_STATE, Start.BEGINNING),
            new Subscription(Topics.ORG_CONFIG, Start.BEGINNING),
            new Subscription(Topics.USER_LIFECYCLE, Start.END),
            new Subscription(Topics.SESSION_REVOCATIONS, Start.END),
            new Subscription(Topics.SCIM_CHANGES, Start.END));

    private final Map<String, UserStanding> users = new ConcurrentHashMap<>();
    private final Map<String, String> userIdsByUsername = new ConcurrentHashMap<>();
    // Revoked credential ids only grow while the process lives; the database keeps revoked_at,
    // so a restarted replica (which follows the revocation topic from its end) still refuses them.
    private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedSessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> sessionsRevokedBefore = new ConcurrentHashMap<>();
    private final IdpDeactivationFence fence = new IdpDeactivationFence();
    private final OrgDirectory orgs = new OrgDirectory();
    private volatile TopicFollower follower;

    /**
     * Starts following the topics on a thread of its own.
     *
     * @param name client and thread name
     * @param bootstrapServers Kafka bootstrap servers
     * @param consumerConfig further consumer properties (security etc.)
     * @return the running follower (closed by {@link #close()})
     */
    public synchronized TopicFollower follow(String name, String bootstrapServers, Map<String, Object> consumerConfig) {
        if (follower != null) {
            throw new IllegalStateException("already following");
        }
        TopicFollower f = new TopicFollower(name, bootstrapServers, consumerConfig, SUBSCRIPTIONS,
                (record, event) -> {
                    if (event != null) {
                        apply(event);
                    }
                });
        follower = f;
        f.start();
        return f;
    }

    /** True once the account snapshots were read to their end: before that, nothing may be accepted. */
    public boolean isReady() {
        TopicFollower f = follower;
        return f != null && f.isReady();
    }

    /** The follower, or null before {@link #follow}. */
    public TopicFollower follower() {
        return follower;
    }

    @Override
    public void close() {
        TopicFollower f = follower;
        if (f != null) {
            f.close();
        }
    }

    /** The standing of an account, if this replica has heard of it. */
    public Optional<UserStanding> user(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(users.get(userId));
    }

    /** The standing of the account that holds a username, if any. */
    public Optional<UserStanding> userByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String id = userIdsByUsername.get(username);
        return id == null ? Optional.empty() : user(id);
    }

    /** The organizations and their SSO settings, from {@link Topics#ORG_CONFIG}. */
    public OrgDirectory orgs() {
        return orgs;
    }

    /** Number of accounts known. */
    public int size() {
        return users.size();
    }

    /** True if the API token with this id was revoked while this replica was running. */
    public boolean isTokenRevoked(String tokenId) {
        return revokedTokens.contains(tokenId);
    }

    /**
     * True if a session of this user, issued at {@code issuedAt}, was revoked (singly, or by a
     * revocation of all the user's sessions). For the session layer.
     */
    public boolean isSessionRevoked(String userId, String sessionId, Instant issuedAt) {
        if (revokedSessions.contains(sessionId)) {
            return true;
        }
        Instant before = sessionsRevokedBefore.get(userId);
        return before != null && issuedAt.isBefore(before);
    }

    /**
     * True if the account's IdP deactivated or deleted it over SCIM and provisioning's own event
     * may not have arrived yet: refuse it as if it were inactive.
     */
    public boolean isRefusedByIdp(UserStanding user) {
        return user.managed() && fence.refuses(user.orgId(), user.username());
    }

    /** Refuses a token on this replica at once, ahead of its {@link SessionRevoked} event. */
    public void revokeToken(String tokenId) {
        revokedTokens.add(tokenId);
    }

    /** Applies one event; unknown event types are ignored. Idempotent. */
    public void apply(HubEvent event) {
        if (event instanceof UserState s) {
            applyState(s);
        } else if (event instanceof UserLifecycleEvent e) {
            applyLifecycle(e);
        } else if (event instanceof SessionRevoked r) {
            applyRevocation(r);
        } else if (event instanceof ScimUserChanged c) {
            fence.apply(c);
        } else if (event instanceof OrgConfig o) {
            orgs.apply(o);
        }
    }

    private void applyState(UserState s) {
        update(s.userId(), s.userVersion(), held -> new UserStanding(s.userId(), s.orgId(), s.username(), s.managed(),
                s.status(), later(held == null ? null : held.revokedBefore(), s.revokedBefore()), s.userVersion(),
                s.orgRole(), s.resourceGroupRoles()));
    }

    private void applyLifecycle(UserLifecycleEvent e) {
        update(e.userId(), e.userVersion(), held -> {
            // Lifecycle events only concern managed accounts; a snapshot, when it comes, says the rest.
            boolean managed = held == null ? e.orgId() != null : held.managed();
            UserStatus heldStatus = held == null ? UserStatus.ACTIVE : held.status();
            Instant revokedBefore = held == null ? null : held.revokedBefore();
            UserStatus status = heldStatus;
            if (e instanceof UserProvisioned || e instanceof UserReactivated) {
                status = UserStatus.ACTIVE;
            } else if (e instanceof UserDeactivated d) {
                status = UserStatus.DEACTIVATED;
                revokedBefore = later(revokedBefore, d.revokedBefore() != null ? d.revokedBefore() : d.occurredAt());
            } else if (e instanceof UserDeleted d) {
                status = UserStatus.DELETED;
                revokedBefore = later(revokedBefore, d.occurredAt());
            } else if (e instanceof MembershipChanged m && held == null && m.suspended()) {
                status = UserStatus.DEACTIVATED;
            } else if (!(e instanceof UserUpdated) && !(e instanceof MembershipChanged)) {
                return held; // a lifecycle event type this code does not know yet changes nothing
            }
            String orgId = e.orgId() != null ? e.orgId() : held == null ? null : held.orgId();
            String username = e.username() != null ? e.username() : held == null ? null : held.username();
            // Roles come with snapshots and with MembershipChanged; other events keep the ones held.
            String orgRole = held == null ? null : held.orgRole();
            Map<String, String> groupRoles = held == null ? Map.of() : held.resourceGroupRoles();
            if (e instanceof MembershipChanged m) {
                orgRole = m.orgRole();
                groupRoles = m.resourceGroupRoles();
            }
            return new UserStanding(e.userId(), orgId, username, managed, status, revokedBefore, e.userVersion(),
                    orgRole, groupRoles);
        });
    }

    private void applyRevocation(SessionRevoked r) {
        if (r.tokenId() != null) {
            revokedTokens.add(r.tokenId());
        }
        if (r.sessionId() != null) {
            revokedSessions.add(r.sessionId());
        }
        if (r.tokenId() == null && r.sessionId() == null && r.userId() != null) {
            Instant at = r.occurredAt() != null ? r.occurredAt() : Instant.now();
            sessionsRevokedBefore.merge(r.userId(), at, RevocationIndex::later);
        }
    }

    private void update(String userId, long version, java.util.function.UnaryOperator<UserStanding> change) {
        if (userId == null) {
            return;
        }
        UserStanding[] replaced = new UserStanding[2];
        users.compute(userId, (id, held) -> {
            if (held != null && version < held.userVersion()) {
                return held; // stale: a newer version was already applied
            }
            UserStanding next = change.apply(held);
            replaced[0] = held;
            replaced[1] = next;
            return next;
        });
        UserStanding before = replaced[0];
        UserStanding after = replaced[1];
        if (after == null) {
            return;
        }
        if (before != null && before.username() != null && !before.username().equals(after.username())) {
            userIdsByUsername.remove(before.username(), userId);
        }
        if (after.username() != null) {
            userIdsByUsername.put(after.username(), userId);
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
