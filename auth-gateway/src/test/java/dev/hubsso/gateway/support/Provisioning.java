package dev.hubsso.gateway.support;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.ScimChange;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.UserDeactivated;
import dev.hubsso.events.UserDeleted;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.testsupport.EventPublisher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Stands in for provisioning-service: publishes account snapshots and lifecycle events to the
 * real broker exactly as its outbox relay does (key = user id, value = JSON, CloudEvents headers).
 */
public final class Provisioning {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private Provisioning() {
    }

    /**
     * A fresh managed account that no other test uses, of an org the gateway does not know until
     * {@link Account#withOrg()} publishes it (an unknown org counts as managed, failing closed).
     * Its API tokens pass {@code /auth/verify} only if created from an SSO session of that org
     * ({@link Gateway#ssoTokenFor}).
     */
    public static Account newAccount() {
        int n = SEQ.incrementAndGet();
        String suffix = Long.toString(System.nanoTime() % 100_000_000L, 36) + n;
        return new Account(UUID.randomUUID().toString(), "org-" + suffix, "user" + suffix + "-acme", true);
    }

    /**
     * A fresh ordinary (non-managed) hub account: no org, {@code managed=false}, known to the
     * gateway only through its {@code UserState} snapshots (provisioning publishes no lifecycle
     * events for it). Admins may issue it API tokens; use it for tests of token mechanics.
     */
    public static Account newOrdinaryAccount() {
        int n = SEQ.incrementAndGet();
        String suffix = Long.toString(System.nanoTime() % 100_000_000L, 36) + n;
        return new Account(UUID.randomUUID().toString(), null, "user" + suffix, false);
    }

    /** Publishes one event and waits for the broker's acknowledgement; returns where it landed. */
    public static RecordMetadata publish(HubEvent event) {
        return EventPublisher.publish(event);
    }

    /**
     * A simulated account; each change bumps its version and publishes event (managed accounts
     * only) and snapshot.
     */
    public static final class Account {
        public final String userId;
        /** The managing org's id; null for an ordinary account. */
        public final String orgId;
        /** The managing org's name (what {@link #withOrg()} publishes); null for an ordinary account. */
        public final String orgName;
        public final String username;
        public final boolean managed;
        private long version;
        private Instant revokedBefore;
        private long orgVersion;

        Account(String userId, String orgId, String username, boolean managed) {
            this.userId = userId;
            this.orgId = orgId;
            this.orgName = orgId == null ? null : "o" + orgId.substring("org-".length());
            this.username = username;
            this.managed = managed;
        }

        /** Publishes the account's org as a managed-mode org (so SSO sessions of it verify). */
        public Account withOrg() {
            if (orgId == null) {
                throw new IllegalStateException("an ordinary account has no org");
            }
            publish(new OrgConfig(orgId, orgName, orgName.substring(0, Math.min(6, orgName.length())), SsoMode.MANAGED,
                    false, 3600, List.of(orgName + ".example"), "read", List.of(),
                    new OrgConfig.IdpConnection("http://idp.invalid/" + orgName, "hub", "env:NONE", List.of("openid")),
                    ++orgVersion, false, Instant.now()));
            return this;
        }

        public long version() {
            return version;
        }

        /** The snapshot at a given version and status (published on its own to test ordering). */
        public UserState snapshot(long v, UserStatus status, Instant revokedBefore) {
            return new UserState(userId, orgId, username, managed, status, "read", Map.of(), null, revokedBefore, v,
                    Instant.now());
        }

        public UserProvisioned provisionedEvent() {
            return new UserProvisioned(UUID.randomUUID().toString(), Instant.now(), userId, orgId, username, ++version,
                    username + "@example.com", username, "scim", "ext-" + userId);
        }

        public UserDeactivated deactivatedEvent(Instant revokedBefore) {
            this.revokedBefore = revokedBefore;
            return new UserDeactivated(UUID.randomUUID().toString(), Instant.now(), userId, orgId, username, ++version,
                    revokedBefore, "scim:active=false");
        }

        public UserReactivated reactivatedEvent() {
            return new UserReactivated(UUID.randomUUID().toString(), Instant.now(), userId, orgId, username, ++version);
        }

        public UserDeleted deletedEvent() {
            return new UserDeleted(UUID.randomUUID().toString(), Instant.now(), userId, orgId, username, ++version);
        }

        /** What scim-service publishes when the IdP changes this user's {@code active} flag. */
        public ScimUserChanged scimChange(long scimVersion, boolean active) {
            return new ScimUserChanged(UUID.randomUUID().toString(), Instant.now(), orgId, "scim-" + userId,
                    ScimChange.Change.UPDATED, scimVersion,
                    new ScimUserChanged.ScimUserSnapshot(username, null, null, null, null, null, active, username),
                    java.util.List.of("active"), "scim-token:test");
        }

        /** Provisioned: lifecycle event (managed only) and ACTIVE snapshot. */
        public Account provision() {
            if (managed) {
                publish(provisionedEvent());
            } else {
                version++;
            }
            publish(snapshot(version, UserStatus.ACTIVE, revokedBefore));
            return this;
        }

        /** Deactivated now: lifecycle event (managed only) and DEACTIVATED snapshot. */
        public Account deactivate() {
            if (managed) {
                publish(deactivatedEvent(Instant.now()));
            } else {
                revokedBefore = Instant.now();
                version++;
            }
            publish(snapshot(version, UserStatus.DEACTIVATED, revokedBefore));
            return this;
        }

        /** Reactivated: lifecycle event (managed only) and ACTIVE snapshot (keeping revokedBefore). */
        public Account reactivate() {
            if (managed) {
                publish(reactivatedEvent());
            } else {
                version++;
            }
            publish(snapshot(version, UserStatus.ACTIVE, revokedBefore));
            return this;
        }

        /** Deleted: lifecycle event (managed only) and DELETED snapshot. */
        public Account delete() {
            if (managed) {
                publish(deletedEvent());
            } else {
                version++;
            }
            publish(snapshot(version, UserStatus.DELETED, revokedBefore));
            return this;
        }
    }
}
