package dev.hubsso.scim.accounts;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.kit.kafka.KafkaClientSettings;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import dev.hubsso.scim.kafka.SnapshotFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The hub usernames that accounts hold, kept in memory from provisioning's compacted
 * {@code hub.user-state.v1} (read from the beginning before the service is ready, then
 * followed; no consumer group). Accounts that never went through this service — created just
 * in time at a first login — and deleted accounts (whose usernames stay taken) are in it too, so
 * a SCIM write whose derived username provisioning would refuse is answered 409 here, where the
 * IdP sees it (ADR 0006).
 *
 * <p>{@link #conflict} mirrors provisioning's rule ({@code ScimUserProvisioning}): a SCIM user's
 * account is the one linked to its SCIM id, else an account of its org that no SCIM user has
 * claimed yet, matched by externalId, else by email (case-insensitively); the derived username
 * collides when another account holds it. The index lags provisioning by one event hop;
 * provisioning's own check stays the backstop.
 */
@ApplicationScoped
public class HubUsernameIndex {

    private static final Logger LOG = Logger.getLogger(HubUsernameIndex.class);

    /**
     * An account as far as collisions go. The externalId and email are kept only while no SCIM
     * user has claimed the account (nothing else matches by them).
     */
    public record Holder(String userId, String orgId, String username, String scimUserId, String externalId,
            String email, UserStatus status, long version) {
    }

    /** A collision: the hub username and the account that holds it. */
    public record Conflict(String username, Holder holder) {

        /** The SCIM error detail. */
        public String detail(String userName) {
            String what = holder.status() == UserStatus.DELETED ? "a deleted hub account (deleted usernames stay taken)"
                    : holder.scimUserId() == null ? "a hub account that no SCIM user of this organization can claim"
                            : "another hub account";
            return "userName '" + userName + "' maps to the hub username '" + username + "', which is held by " + what;
        }
    }

    // read by request threads; written by the follower thread only (apply is synchronized)
    private final Map<String, Holder> byUsername = new ConcurrentHashMap<>();
    private final Map<String, Holder> byScimUserId = new ConcurrentHashMap<>();
    private final Map<String, Holder> unlinkedByExternalId = new ConcurrentHashMap<>();
    private final Map<String, Holder> unlinkedByEmail = new ConcurrentHashMap<>();
    private final Map<String, Holder> byUserId = new HashMap<>();
    private final Map<String, String> orgIds = new HashMap<>();

    private final SnapshotFollower follower;

    public HubUsernameIndex(KafkaClientSettings kafka) {
        this.follower = new SnapshotFollower("scim-username-index", kafka, new Subscription(Topics.USER_STATE, Start.BEGINNING), (record, hubEvent) -> {
            if (hubEvent instanceof UserState state) {
                apply(state);
            }
        });
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** True once every account snapshot present at start was read. */
    public boolean isReady() {
        return follower.isReady();
    }

    /** Number of accounts known. */
    public synchronized int size() {
        return byUserId.size();
    }

    /** Applies an account snapshot unless a newer one of the account was seen already. */
    public synchronized void apply(UserState s) {
        if (s.userId() == null || s.username() == null) {
            return;
        }
        Holder old = byUserId.get(s.userId());
        if (old != null && old.version() >= s.userVersion()) {
            return;
        }
        String scimUserId = blankToNull(s.scimUserId());
        boolean unlinked = scimUserId == null;
        Holder h = new Holder(s.userId(), s.orgId() == null ? null : orgIds.computeIfAbsent(s.orgId(), k -> k),
                s.username(), scimUserId, unlinked ? blankToNull(s.externalId()) : null,
                unlinked ? lower(blankToNull(s.email())) : null, s.status(), s.userVersion());
        if (old != null) {
            unindex(old);
        }
        byUserId.put(h.userId(), h);
        Holder previous = byUsername.put(ManagedUsername.canonical(h.username()), h);
        if (previous != null && !previous.userId().equals(h.userId())) {
            // provisioning keeps usernames unique; two holders means a snapshot of the other is still to come
            LOG.debugf("hub username %s moved from account %s to %s", h.username(), previous.userId(), h.userId());
        }
        if (scimUserId != null) {
            byScimUserId.put(scimUserId, h);
        } else if (h.orgId() != null) {
            // provisioning takes the earliest such account; duplicates are not expected (JIT links instead)
            if (h.externalId() != null) {
                unlinkedByExternalId.putIfAbsent(key(h.orgId(), h.externalId()), h);
            }
            if (h.email() != null) {
                unlinkedByEmail.putIfAbsent(key(h.orgId(), h.email()), h);
            }
        }
    }

    private void unindex(Holder old) {
        byUsername.remove(ManagedUsername.canonical(old.username()), old);
        if (old.scimUserId() != null) {
            byScimUserId.remove(old.scimUserId(), old);
        }
        if (old.orgId() != null && old.externalId() != null) {
            unlinkedByExternalId.remove(key(old.orgId(), old.externalId()), old);
        }
        if (old.orgId() != null && old.email() != null) {
            unlinkedByEmail.remove(key(old.orgId(), old.email()), old);
        }
    }

    /** The account holding a hub username (case-insensitively), if any is known. */
    public Optional<Holder> holder(String username) {
        return Optional.ofNullable(byUsername.get(ManagedUsername.canonical(username)));
    }

    /**
     * The account the SCIM user would be provisioned into, as provisioning decides it: the one
     * linked to its SCIM id, else an unclaimed account of the org with its externalId, else with
     * its email.
     *
     * @param scimUserId the SCIM user's id (a new one for a creation)
     */
    public Optional<Holder> accountOf(String orgId, String scimUserId, String externalId, String email) {
        Holder linked = scimUserId == null ? null : byScimUserId.get(scimUserId);
        if (linked != null) {
            return Optional.of(linked);
        }
        String ext = blankToNull(externalId);
        Holder byExt = ext == null || orgId == null ? null : unlinkedByExternalId.get(key(orgId, ext));
        if (byExt != null) {
            return Optional.of(byExt);
        }
        String mail = lower(blankToNull(email));
        return Optional.ofNullable(mail == null || orgId == null ? null : unlinkedByEmail.get(key(orgId, mail)));
    }

    /**
     * The collision, if the SCIM user would be refused {@code hubUsername} by provisioning: another
     * account than its own (see {@link #accountOf}) holds it.
     */
    public Optional<Conflict> conflict(String orgId, String scimUserId, String hubUsername, String externalId,
            String email) {
        Holder holder = byUsername.get(ManagedUsername.canonical(hubUsername));
        if (holder == null) {
            return Optional.empty();
        }
        Holder own = accountOf(orgId, scimUserId, externalId, email).orElse(null);
        if (own != null && own.userId().equals(holder.userId())) {
            return Optional.empty();
        }
        return Optional.of(new Conflict(holder.username(), holder));
    }

    private static String key(String orgId, String value) {
        return orgId + '\u0000' + value;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
