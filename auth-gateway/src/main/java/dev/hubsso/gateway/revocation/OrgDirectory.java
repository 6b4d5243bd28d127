package dev.hubsso.gateway.revocation;

import dev.hubsso.events.OrgConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's view of the organizations and their SSO settings, from the compacted
 * {@link dev.hubsso.events.Topics#ORG_CONFIG} (read to its end before the index is ready, then
 * followed). Per org, a snapshot is applied only if its version is at least the one held. A
 * deleted org disappears from every lookup, so its logins stop at once.
 *
 * <p>Lookups are by org id, by org name (as in {@code /login/{org}}) and by email domain
 * (lower-cased; a domain claimed by two orgs resolves to none rather than to either).
 */
public final class OrgDirectory {

    private final Map<String, OrgConfig> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idsByName = new ConcurrentHashMap<>();
    private final Map<String, String> idsByDomain = new ConcurrentHashMap<>();

    /** The live org with this id. */
    public Optional<OrgConfig> byId(String orgId) {
        if (orgId == null) {
            return Optional.empty();
        }
        OrgConfig org = byId.get(orgId);
        return org == null || org.deleted() ? Optional.empty() : Optional.of(org);
    }

    /** The live org with this name. */
    public Optional<OrgConfig> byName(String name) {
        String id = name == null ? null : idsByName.get(name);
        return id == null ? Optional.empty() : byId(id);
    }

    /**
     * The live org whose allowed email domains hold the domain of {@code email} (or a bare domain),
     * if exactly one does.
     */
    public Optional<OrgConfig> byEmailDomain(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        String id = domain.isEmpty() ? null : idsByDomain.get(domain);
        return id == null || id.isEmpty() ? Optional.empty() : byId(id);
    }

    /** Number of live orgs. */
    public int size() {
        return (int) byId.values().stream().filter(o -> !o.deleted()).count();
    }

    /** Applies an org snapshot; stale versions change nothing. */
    public synchronized void apply(OrgConfig org) {
        if (org == null || org.orgId() == null) {
            return;
        }
        OrgConfig held = byId.get(org.orgId());
        if (held != null && org.version() < held.version()) {
            return;
        }
        byId.put(org.orgId(), org);
        if (held != null && held.name() != null) {
            idsByName.remove(held.name(), held.orgId());
        }
        if (org.name() != null) {
            idsByName.put(org.name(), org.orgId());
        }
        reindexDomains();
    }

    private void reindexDomains() {
        Map<String, String> next = new java.util.HashMap<>();
        for (OrgConfig o : byId.values()) {
            if (o.deleted()) {
                continue;
            }
            for (String d : o.allowedEmailDomains()) {
                String domain = d.trim().toLowerCase(Locale.ROOT);
                // "" marks a domain claimed by more than one org: discovery refuses to guess.
                next.merge(domain, o.orgId(), (a, b) -> a.equals(b) ? a : "");
            }
        }
        idsByDomain.keySet().retainAll(next.keySet());
        idsByDomain.putAll(next);
    }
}
