package dev.hubsso.gateway.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.IdpConnection;
import dev.hubsso.events.OrgConfig.SsoMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The org directory that /login resolves against: versions, renames, deletion, domain discovery. */
class OrgDirectoryTest {

    static OrgConfig org(String id, String name, long version, boolean deleted, String... domains) {
        return new OrgConfig(id, name, name.substring(0, 2), SsoMode.MANAGED, false, 3600, List.of(domains), "read",
                List.of(), new IdpConnection("https://idp/" + name + "/v" + version, "hub", null, List.of("email")),
                version, deleted, Instant.EPOCH);
    }

    @Test
    void newerVersionsReplaceOlderOnesAndStaleOnesChangeNothing() {
        OrgDirectory d = new OrgDirectory();
        d.apply(org("o1", "acme", 2, false, "acme.com"));
        d.apply(org("o1", "acme", 1, false, "old.com"));
        assertEquals(2, d.byName("acme").orElseThrow().version());
        assertTrue(d.byEmailDomain("bob@old.com").isEmpty());
        d.apply(org("o1", "acme", 3, false, "acme.com"));
        assertEquals("https://idp/acme/v3", d.byId("o1").orElseThrow().idp().issuer());
    }

    @Test
    void aRenamedOrgIsFoundByItsNewNameOnly() {
        OrgDirectory d = new OrgDirectory();
        d.apply(org("o1", "acme", 1, false));
        d.apply(org("o1", "acme-corp", 2, false));
        assertTrue(d.byName("acme").isEmpty());
        assertEquals("o1", d.byName("acme-corp").orElseThrow().orgId());
    }

    @Test
    void aDeletedOrgDisappearsFromEveryLookupAndAStaleSnapshotDoesNotRevive() {
        OrgDirectory d = new OrgDirectory();
        d.apply(org("o1", "acme", 1, false, "acme.com"));
        d.apply(org("o1", "acme", 2, true, "acme.com"));
        assertTrue(d.byId("o1").isEmpty());
        assertTrue(d.byName("acme").isEmpty());
        assertTrue(d.byEmailDomain("a@acme.com").isEmpty());
        assertEquals(0, d.size());
        d.apply(org("o1", "acme", 1, false, "acme.com"));
        assertTrue(d.byName("acme").isEmpty());
    }

    @Test
    void emailDomainsMatchCaseInsensitivelyAndADomainOfTwoOrgsMatchesNone() {
        OrgDirectory d = new OrgDirectory();
        d.apply(org("o1", "acme", 1, false, "Acme.com", "shared.io"));
        d.apply(org("o2", "globex", 1, false, "globex.com", "shared.io"));
        assertEquals("o1", d.byEmailDomain("Alice@ACME.COM").orElseThrow().orgId());
        assertEquals("o2", d.byEmailDomain("globex.com").orElseThrow().orgId());
        assertTrue(d.byEmailDomain("x@shared.io").isEmpty());
        assertTrue(d.byEmailDomain("x@unknown.org").isEmpty());
        assertTrue(d.byEmailDomain("x@").isEmpty());
        assertTrue(d.byEmailDomain(null).isEmpty());
        // once globex lets the shared domain go, acme owns it
        d.apply(org("o2", "globex", 2, false, "globex.com"));
        assertEquals("o1", d.byEmailDomain("x@shared.io").orElseThrow().orgId());
        // and a deleted org frees its domains
        d.apply(org("o1", "acme", 2, true, "Acme.com", "shared.io"));
        assertTrue(d.byEmailDomain("x@shared.io").isEmpty());
    }
}
