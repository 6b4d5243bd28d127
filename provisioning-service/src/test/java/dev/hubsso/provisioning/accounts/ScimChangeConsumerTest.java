package dev.hubsso.provisioning.accounts;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static dev.hubsso.provisioning.support.ScimEvents.change;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.EventType;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.EventSchemas;
import dev.hubsso.provisioning.support.ScimEvents;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import dev.hubsso.provisioning.support.TopicProbe;
import dev.hubsso.provisioning.support.TopicProbe.Rec;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCIM changes in, account events out: records produced to {@code scim.changes.v1} with a real
 * producer, the service's output read from {@code hub.user-lifecycle.v1} and
 * {@code hub.user-state.v1} with a real consumer, the account checked over the admin API.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimChangeConsumerTest {

    private static final String PROVISIONED = EventType.USER_PROVISIONED.ceType();
    private static final String MEMBERSHIP = EventType.MEMBERSHIP_CHANGED.ceType();
    private static final String DEACTIVATED = EventType.USER_DEACTIVATED.ceType();
    private static final String REACTIVATED = EventType.USER_REACTIVATED.ceType();
    private static final String DELETED = EventType.USER_DELETED.ceType();
    private static final String UPDATED = EventType.USER_UPDATED.ceType();

    private ScimEvents scim;
    private TopicProbe probe;
    private String org;
    private String code;
    private String orgId;

    @BeforeEach
    void setUp() {
        scim = new ScimEvents();
        probe = TopicProbe.fromEnd(Topics.USER_LIFECYCLE, Topics.USER_STATE);
        org = "scim-" + unique(6);
        code = unique(5);
        orgId = AdminClient.createOrg(org, code);
    }

    @AfterEach
    void tearDown() {
        probe.close();
        scim.close();
    }

    @Test
    void createDeactivateReactivateDeleteAnnouncesEachStepInOrderAndNothingResurrectsTheAccount() {
        String scimId = UUID.randomUUID().toString();
        String username = "ada-" + code;

        scim.send(change(orgId, scimId, Change.CREATED, 1, "ada@x.example", username, "ada@x.example", true));
        Rec created = probe.awaitAtLeast(1, state(username)).get(0);
        String userId = created.key();
        assertEquals("ACTIVE", created.json().get("status").asText());
        account(username).body("id", equalTo(userId)).body("scimUserId", equalTo(scimId))
                .body("status", equalTo("ACTIVE")).body("userVersion", equalTo(1)).body("orgRole", equalTo("read"))
                .body("email", equalTo("ada@x.example")).body("revokedBefore", nullValue());

        Instant beforeDeactivation = Instant.now().minusSeconds(1);
        ScimUserChanged deactivate = change(orgId, scimId, Change.UPDATED, 2, "ada@x.example", username, "ada@x.example", false);
        scim.send(deactivate);
        scim.send(deactivate); // redelivery of the very same event
        scim.send(change(orgId, scimId, Change.UPDATED, 3, "ada@x.example", username, "ada@x.example", true));
        scim.send(deactivate); // a late redelivery of an older version must not deactivate again
        scim.send(change(orgId, scimId, Change.DELETED, 4, "ada@x.example", username, "ada@x.example", true));

        List<Rec> states = probe.awaitAtLeast(4, r -> r.topic().equals(Topics.USER_STATE) && userId.equals(r.key()));
        List<Rec> lifecycle = probe.matching(r -> r.topic().equals(Topics.USER_LIFECYCLE) && userId.equals(r.key()));
        lifecycle.forEach(EventSchemas::assertValid);
        states.forEach(EventSchemas::assertValid);

        assertEquals(List.of(PROVISIONED, MEMBERSHIP, DEACTIVATED, MEMBERSHIP, REACTIVATED, MEMBERSHIP, DELETED),
                lifecycle.stream().map(Rec::ceType).toList(), "lifecycle events, in order, none twice");
        assertEquals(List.of(1L, 1L, 2L, 2L, 3L, 3L, 4L), versions(lifecycle), "one version per applied change");
        assertEquals(List.of("ACTIVE", "DEACTIVATED", "ACTIVE", "DELETED"),
                states.stream().map(r -> r.json().get("status").asText()).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), versions(states));

        JsonNode provisioned = lifecycle.get(0).json();
        assertEquals("scim", provisioned.get("source").asText());
        assertEquals(username, provisioned.get("username").asText());
        assertEquals(orgId, provisioned.get("orgId").asText());
        assertEquals("ext-" + scimId, provisioned.get("externalId").asText());
        assertEquals("Given Family", provisioned.get("displayName").asText());
        assertFalse(lifecycle.get(1).json().get("suspended").asBoolean());

        JsonNode deactivated = lifecycle.get(2).json();
        Instant revokedBefore = Instant.parse(deactivated.get("revokedBefore").asText());
        assertTrue(revokedBefore.isAfter(beforeDeactivation), "revokedBefore is the deactivation time");
        assertEquals("scim:active=false", deactivated.get("reason").asText());
        assertTrue(lifecycle.get(3).json().get("suspended").asBoolean(), "memberships suspended");
        assertEquals(revokedBefore, Instant.parse(states.get(1).json().get("revokedBefore").asText()));
        assertFalse(lifecycle.get(5).json().get("suspended").asBoolean(), "memberships restored");
        assertEquals(revokedBefore, Instant.parse(states.get(2).json().get("revokedBefore").asText()),
                "reactivation keeps old credentials dead");

        // after the deletion: a stale update, a replayed creation, and a newer update must all change nothing
        scim.send(change(orgId, scimId, Change.UPDATED, 3, "ada@x.example", username, "new@x.example", true));
        scim.send(change(orgId, scimId, Change.CREATED, 1, "ada@x.example", username, "ada@x.example", true));
        scim.send(change(orgId, scimId, Change.UPDATED, 5, "ada@x.example", username, "newer@x.example", true));
        awaitMarker();

        account(username).body("status", equalTo("DELETED")).body("userVersion", equalTo(4))
                .body("email", equalTo("ada@x.example")).body("id", equalTo(userId));
        settle();
        assertEquals(11, probe.matching(r -> userId.equals(r.key())).size(), "nothing after UserDeleted");
        assertTrue(probe.matching(r -> r.topic().equals(Topics.USER_LIFECYCLE) && username.equals(text(r, "username"))
                && !userId.equals(r.key())).isEmpty(), "no second account for the deleted user");
    }

    @Test
    void appliedRecordsAreCommittedSoTheConsumerKeepsItsPlace() throws Exception {
        String scimId = UUID.randomUUID().toString();
        String username = "committed-" + code;
        scim.send(change(orgId, scimId, Change.CREATED, 1, "c@x.example", username, "c@x.example", true));
        probe.awaitAtLeast(1, state(username));
        long end;
        try (var admin = dev.hubsso.testsupport.KafkaBroker.shared().admin()) {
            var tp = new TopicPartition(Topics.SCIM_CHANGES, ScimEvents.PARTITION);
            end = admin.listOffsets(java.util.Map.of(tp, OffsetSpec.latest()))
                    .partitionResult(tp).get().offset();
            // the group's committed offset reaches the end: every record was acknowledged, none is left hanging
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                var committed = admin.listConsumerGroupOffsets("provisioning-service").partitionsToOffsetAndMetadata()
                        .get().get(tp);
                return committed != null && committed.offset() >= end;
            });
        }
    }

    @Test
    void userCreatedInactiveIsProvisionedDeactivatedInOneVersion() {
        String scimId = UUID.randomUUID().toString();
        String username = "idle-" + code;
        scim.send(change(orgId, scimId, Change.CREATED, 1, "idle", username, "idle@x.example", false));

        Rec state = probe.awaitAtLeast(1, state(username)).get(0);
        EventSchemas.assertValid(state);
        assertEquals("DEACTIVATED", state.json().get("status").asText());
        assertNotNull(state.json().get("revokedBefore"));
        List<Rec> lifecycle = probe.matching(r -> r.topic().equals(Topics.USER_LIFECYCLE) && state.key().equals(r.key()));
        assertEquals(List.of(PROVISIONED, MEMBERSHIP, DEACTIVATED), lifecycle.stream().map(Rec::ceType).toList());
        assertEquals(List.of(1L, 1L, 1L), versions(lifecycle));
        assertTrue(lifecycle.get(1).json().get("suspended").asBoolean());
        account(username).body("status", equalTo("DEACTIVATED")).body("userVersion", equalTo(1));
    }

    @Test
    void profileChangesAreAnnouncedAndNoOpChangesAreNot() {
        String scimId = UUID.randomUUID().toString();
        String username = "grace-" + code;
        scim.send(change(orgId, scimId, Change.CREATED, 1, "grace", username, "grace@x.example", true));
        String userId = probe.awaitAtLeast(1, state(username)).get(0).key();

        scim.send(change(orgId, scimId, Change.UPDATED, 2, "grace", username, "grace.hopper@x.example", true));
        // newer SCIM version, same attributes the hub uses: nothing to announce
        scim.send(change(orgId, scimId, Change.UPDATED, 3, "grace", username, "grace.hopper@x.example", true));
        awaitMarker();
        settle();

        List<Rec> events = probe.matching(r -> userId.equals(r.key()));
        events.forEach(EventSchemas::assertValid);
        List<Rec> lifecycle = events.stream().filter(r -> r.topic().equals(Topics.USER_LIFECYCLE)).toList();
        assertEquals(List.of(PROVISIONED, MEMBERSHIP, UPDATED), lifecycle.stream().map(Rec::ceType).toList());
        JsonNode updated = lifecycle.get(2).json();
        assertEquals(2, updated.get("userVersion").asLong());
        assertEquals("grace.hopper@x.example", updated.get("email").asText());
        assertEquals("email", updated.get("changedAttributes").get(0).asText());
        assertEquals(1, updated.get("changedAttributes").size());
        assertEquals(List.of(1L, 2L), versions(events.stream().filter(r -> r.topic().equals(Topics.USER_STATE)).toList()));
        account(username).body("email", equalTo("grace.hopper@x.example")).body("userVersion", equalTo(2));
    }

    @Test
    void poisonRecordsUnknownOrgsAndUsernameCollisionsAreSkippedWithoutStoppingTheConsumer() {
        String username = "alan-" + code;
        String firstScimId = UUID.randomUUID().toString();
        scim.send(change(orgId, firstScimId, Change.CREATED, 1, "alan", username, "alan@x.example", true));

        String ceType = EventType.SCIM_USER_CHANGED.ceType();
        scim.send("poison-1", "{not json", ceType, "p1");
        scim.send("poison-2", "{}", null, "p2");
        scim.send("poison-3", "{\"eventId\":\"x\"}", ceType, "p3");
        // readable, but PostgreSQL refuses the NUL character: fails in the transaction, is retried, then skipped
        scim.send(change(orgId, "bad\u0000id", Change.CREATED, 1, "nul", "nul-" + code, "nul@x.example", true));
        String strangerName = "stranger-" + code;
        scim.send(change(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Change.CREATED, 1, "stranger",
                strangerName, "s@x.example", true));
        // another SCIM user claiming the same hub username
        String secondScimId = UUID.randomUUID().toString();
        scim.send(change(orgId, secondScimId, Change.CREATED, 1, "alan", username, "alan2@x.example", true));
        awaitMarker();

        account(username).body("scimUserId", equalTo(firstScimId)).body("email", equalTo("alan@x.example"));
        // the holder's snapshot names its SCIM user: what scim-service decides collisions by (ADR 0006)
        JsonNode held = probe.awaitAtLeast(1, state(username)).get(0).json();
        assertEquals(firstScimId, held.get("scimUserId").asText());
        // the rejection is not silent: audited under the SCIM user, naming the name and its holder
        admin().queryParam("target", "scim-user:" + secondScimId).get("/admin/orgs/" + org + "/audit").then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].action", equalTo("account.scim-rejected"))
                .body("items[0].after.scimUserId", equalTo(secondScimId))
                .body("items[0].after.username", equalTo(username))
                .body("items[0].after.heldBy", equalTo(held.get("userId").asText()))
                .body("items[0].after.reason", containsString("held by another account"));
        admin().queryParam("target", "scim-user:" + firstScimId).get("/admin/orgs/" + org + "/audit").then()
                .statusCode(200).body("items.size()", equalTo(0));
        settle();
        assertEquals(1, probe.matching(r -> PROVISIONED.equals(r.ceType()) && username.equals(text(r, "username"))).size(),
                "the colliding user got no account");
        assertTrue(probe.matching(r -> strangerName.equals(text(r, "username"))).isEmpty(), "unknown org: no account");
        assertTrue(probe.matching(r -> ("nul-" + code).equals(text(r, "username"))).isEmpty());
    }

    /**
     * Sends a creation for a fresh user on the same partition and waits for its snapshot: every
     * record sent before it has then been processed and its events committed.
     */
    private void awaitMarker() {
        String marker = "mark-" + unique(6) + "-" + code;
        scim.send(change(orgId, UUID.randomUUID().toString(), Change.CREATED, 1, marker, marker, null, true));
        probe.awaitAtLeast(1, state(marker));
    }

    /** Gives the relay a moment to publish anything that should not exist, before asserting that it does not. */
    private static void settle() {
        try {
            Thread.sleep(Duration.ofMillis(750).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Predicate<Rec> state(String username) {
        return r -> r.topic().equals(Topics.USER_STATE) && username.equals(text(r, "username"));
    }

    private static String text(Rec r, String field) {
        JsonNode v = r.json().get(field);
        return v == null ? null : v.asText();
    }

    private static List<Long> versions(List<Rec> recs) {
        return recs.stream().map(r -> r.json().get("userVersion").asLong()).toList();
    }

    private io.restassured.response.ValidatableResponse account(String username) {
        return admin().get("/admin/orgs/" + org + "/users/" + username).then();
    }
}
