package dev.hubsso.scim.org;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.ScimTokenHash;
import dev.hubsso.events.Topics;
import dev.hubsso.kit.kafka.KafkaClientSettings;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.kafka.SnapshotFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The organizations and their SCIM tokens, kept in memory from the compacted
 * {@code hub.org-config.v1}: read from the beginning before the service is ready, then followed.
 * Each organization keeps its highest-version snapshot; a token works while it is in that
 * snapshot and not expired, so a rotation or revocation takes effect as soon as the snapshot
 * arrives. Tokens are only ever held as SHA-256 hashes.
 */
@ApplicationScoped
public class OrgDirectory {

    private static final Logger LOG = Logger.getLogger(OrgDirectory.class);

    /** What a token hash grants. */
    private record Grant(String orgId, String tokenId, Instant expiresAt) {
    }

    private final Map<String, OrgConfig> orgsById = new ConcurrentHashMap<>();
    private final Map<String, String> orgIdsByName = new ConcurrentHashMap<>();
    private final Map<String, Grant> grantsByHash = new ConcurrentHashMap<>();
    // written by the follower thread only (apply/remove are synchronized)
    private final Map<String, Set<String>> hashesByOrg = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();

    private final SnapshotFollower follower;

    public OrgDirectory(KafkaClientSettings kafka) {
        this.follower = new SnapshotFollower("scim-org-directory", kafka, new Subscription(Topics.ORG_CONFIG, Start.BEGINNING), (record, hubEvent) -> {
            if (hubEvent instanceof OrgConfig org) {
                apply(org);
            } else if (record.value() == null && record.key() != null) {
                remove(record.key()); // tombstone: the org is gone for good
            }
        });
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** True once every organization snapshot present at start was read. */
    public boolean isReady() {
        return follower.isReady();
    }

    /** Applies an organization snapshot unless a newer one was seen already. */
    public synchronized void apply(OrgConfig org) {
        Long seen = versions.get(org.orgId());
        if (seen != null && seen >= org.version()) {
            return;
        }
        versions.put(org.orgId(), org.version());
        if (org.deleted()) {
            drop(org.orgId());
            LOG.infof("organization %s deleted (version %d)", org.orgId(), org.version());
            return;
        }
        OrgConfig previous = orgsById.put(org.orgId(), org);
        if (previous != null && !previous.name().equals(org.name())) {
            orgIdsByName.remove(previous.name(), org.orgId());
        }
        orgIdsByName.put(org.name(), org.orgId());
        Set<String> hashes = new HashSet<>();
        for (ScimTokenHash t : org.scimTokens()) {
            String hash = t.sha256().toLowerCase(Locale.ROOT);
            hashes.add(hash);
            grantsByHash.put(hash, new Grant(org.orgId(), t.tokenId(), t.expiresAt()));
        }
        // new tokens are in before the stale ones go, so a rotation never has a gap
        Set<String> old = hashesByOrg.put(org.orgId(), hashes);
        if (old != null) {
            for (String hash : old) {
                if (!hashes.contains(hash)) {
                    grantsByHash.remove(hash);
                }
            }
        }
    }

    /** Forgets an organization (tombstone). */
    public synchronized void remove(String orgId) {
        drop(orgId);
    }

    private void drop(String orgId) {
        OrgConfig previous = orgsById.remove(orgId);
        if (previous != null) {
            orgIdsByName.remove(previous.name(), orgId);
        }
        Set<String> hashes = hashesByOrg.remove(orgId);
        if (hashes != null) {
            hashes.forEach(grantsByHash::remove);
        }
    }

    /** The latest snapshot of an organization by name, if it exists. */
    public Optional<OrgConfig> byName(String name) {
        String id = orgIdsByName.get(name);
        return id == null ? Optional.empty() : Optional.ofNullable(orgsById.get(id));
    }

    /**
     * Authenticates a SCIM request to the organization {@code orgName}.
     *
     * @param authorization the {@code Authorization} header, may be null
     * @throws ScimException 401 for a missing, unknown or expired token; 404 for a valid token of
     *     another organization (or an organization that does not exist), giving no hint which
     */
    public ScimCaller authenticate(String orgName, String authorization, Instant now) {
        String token = bearerToken(authorization);
        if (token == null) {
            throw ScimException.unauthorized("a bearer token is required");
        }
        Grant grant = grantsByHash.get(sha256Hex(token));
        if (grant == null || (grant.expiresAt() != null && !now.isBefore(grant.expiresAt()))) {
            throw ScimException.unauthorized("invalid or expired token");
        }
        OrgConfig org = orgsById.get(grant.orgId());
        if (org == null) {
            throw ScimException.unauthorized("invalid or expired token");
        }
        if (!org.name().equals(orgName)) {
            throw ScimException.notFound("not found");
        }
        return new ScimCaller(org, grant.tokenId());
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String h = authorization.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** Lowercase hex SHA-256 of a token, as stored in {@link ScimTokenHash#sha256()}. */
    public static String sha256Hex(String token) {
        return ScimTokenHash.digest(token);
    }
}
