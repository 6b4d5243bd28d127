package dev.hubsso.scim.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.ScimTokenHash;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.scim.error.ScimException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final OrgDirectory directory = new OrgDirectory(
            new dev.hubsso.kit.kafka.KafkaClientSettings(java.util.Map.of("bootstrap.servers", "unused:9092")));

    private static OrgConfig org(String id, String name, long version, boolean deleted, ScimTokenHash... tokens) {
        return new OrgConfig(id, name, "ac", SsoMode.MANAGED, false, 3600, List.of(), "read", List.of(tokens), null,
                version, deleted, NOW);
    }

    private static ScimTokenHash token(String id, String secret, Instant expiresAt) {
        return new ScimTokenHash(id, OrgDirectory.sha256Hex(secret), NOW, expiresAt);
    }

    private int status(String org, String header) {
        try {
            directory.authenticate(org, header, NOW);
            return 200;
        } catch (ScimException e) {
            return e.status();
        }
    }

    @Test
    void authenticatesByTokenHashAndOrgName() {
        directory.apply(org("o1", "acme", 1, false, token("t1", "secret-1", null)));
        ScimCaller caller = directory.authenticate("acme", "Bearer secret-1", NOW);
        assertEquals("o1", caller.orgId());
        assertEquals("scim-token:t1", caller.actor());
        assertEquals(200, status("acme", "bearer   secret-1 "));
        assertEquals(401, status("acme", null));
        assertEquals(401, status("acme", "Bearer "));
        assertEquals(401, status("acme", "Basic secret-1"));
        assertEquals(401, status("acme", "Bearer secret-2"));
        assertEquals(404, status("other", "Bearer secret-1"));
    }

    @Test
    void keepsTheHighestVersionAndDropsTokensMissingFromIt() {
        directory.apply(org("o1", "acme", 2, false, token("t1", "one", null), token("t2", "two", null)));
        directory.apply(org("o1", "acme", 1, false, token("t3", "three", null)));
        assertEquals(200, status("acme", "Bearer one"));
        assertEquals(401, status("acme", "Bearer three"));
        directory.apply(org("o1", "acme", 3, false, token("t2", "two", null)));
        assertEquals(401, status("acme", "Bearer one"));
        assertEquals(200, status("acme", "Bearer two"));
    }

    @Test
    void honoursExpiry() {
        directory.apply(org("o1", "acme", 1, false, token("t1", "old", NOW), token("t2", "new", NOW.plusSeconds(1))));
        assertEquals(401, status("acme", "Bearer old"));
        assertEquals(200, status("acme", "Bearer new"));
    }

    @Test
    void deletedOrTombstonedOrgsDropOut() {
        directory.apply(org("o1", "acme", 1, false, token("t1", "a", null)));
        directory.apply(org("o2", "beta", 1, false, token("t2", "b", null)));
        directory.apply(org("o1", "acme", 2, true));
        assertEquals(401, status("acme", "Bearer a"));
        assertEquals(true, directory.byName("acme").isEmpty());
        directory.apply(org("o1", "acme", 1, false, token("t1", "a", null)));
        assertEquals(401, status("acme", "Bearer a"), "an older snapshot does not resurrect a deleted org");
        directory.remove("o2");
        assertEquals(401, status("beta", "Bearer b"));
    }

    @Test
    void renameMovesTheUrl() {
        directory.apply(org("o1", "acme", 1, false, token("t1", "a", null)));
        directory.apply(org("o1", "acme-inc", 2, false, token("t1", "a", null)));
        assertEquals(404, status("acme", "Bearer a"));
        assertEquals(200, status("acme-inc", "Bearer a"));
        assertThrows(ScimException.class, () -> directory.authenticate("acme", "Bearer a", NOW));
    }
}
