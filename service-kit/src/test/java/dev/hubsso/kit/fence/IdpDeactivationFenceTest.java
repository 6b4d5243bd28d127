package dev.hubsso.kit.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdpDeactivationFenceTest {

    private final AtomicLong now = new AtomicLong();
    private final IdpDeactivationFence fence = new IdpDeactivationFence(Duration.ofSeconds(30), now::get);

    /**
     * Each row: SCIM records "change:version:active" for alice-acme of org o1, applied in order,
     * and whether the fence refuses her afterwards.
     */
    @ParameterizedTest(name = "{0} -> refused={1}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATED:1:true                                  | false
            CREATED:1:true,UPDATED:2:false                  | true
            UPDATED:2:false,UPDATED:3:true                  | false
            UPDATED:2:false,UPDATED:3:true,UPDATED:2:false  | false
            UPDATED:2:false,UPDATED:2:false                 | true
            UPDATED:3:false,UPDATED:2:true                  | true
            CREATED:1:false                                 | true
            DELETED:4:true                                  | true
            UPDATED:2:false,DELETED:3:false                 | true
            """)
    void followsTheLatestScimVersion(String sequence, boolean refused) {
        for (String step : sequence.split(",")) {
            String[] p = step.split(":");
            fence.apply(change(Change.valueOf(p[0]), Long.parseLong(p[1]), Boolean.parseBoolean(p[2]), "o1", "alice-acme"));
        }
        assertEquals(refused, fence.refuses("o1", "alice-acme"));
        assertEquals(refused, fence.refuses("o1", "ALICE-acme"), "usernames compare case-insensitively");
        assertFalse(fence.refuses("o2", "alice-acme"), "another org's account is not affected");
        assertFalse(fence.refuses("o1", "bob-acme"), "another account is not affected");
    }

    @Test
    void aRefusalLapsesAfterTheHoldAndIsForgotten() {
        fence.apply(change(Change.UPDATED, 2, false, "o1", "alice-acme"));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertTrue(fence.refuses("o1", "alice-acme"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertFalse(fence.refuses("o1", "alice-acme"), "provisioning is the authority after the hold");
        fence.apply(change(Change.CREATED, 1, true, "o1", "bob-acme"));
        assertEquals(0, fence.size(), "expired entries are purged");
    }

    @Test
    void accountsNeverRefusedTakeNoMemory() {
        for (int i = 0; i < 100; i++) {
            fence.apply(change(Change.CREATED, 1, true, "o1", "user" + i + "-acme"));
        }
        assertEquals(0, fence.size());
    }

    private static ScimUserChanged change(Change change, long version, boolean active, String org, String username) {
        return new ScimUserChanged("e" + version, Instant.now(), org, "scim-1", change, version,
                new ScimUserSnapshot("x", null, null, null, null, null, active, username), List.of(), null);
    }
}
