package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimChanges.awaitRecords;
import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** What scim-service publishes on scim.changes.v1, read back from the real broker. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimUserEventsTest {

    @Test
    void createThenEntraDeactivationArePublishedWithCloudEventsHeaders() {
        TestOrg org = TestOrgs.create("events");
        ScimApi.awaitOrg(org);
        String userName = "event.user@example.com";
        String id = createUser(org, userBody(userName)).path("id");
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}")
                .patch(org.base() + "/Users/" + id).then().statusCode(200);
        // a no-op PATCH publishes nothing
        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .patch(org.base() + "/Users/" + id).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = awaitRecords(id, 2);
        assertEquals(2, records.size(), "CREATED and UPDATED only");

        ConsumerRecord<String, String> createdRecord = records.get(0);
        ScimUserChanged created = decode(createdRecord);
        assertEquals(id, createdRecord.key());
        assertEquals(Change.CREATED, created.change());
        assertEquals(1, created.version());
        assertEquals(org.orgId(), created.orgId());
        assertEquals(id, created.scimUserId());
        assertEquals(userName, created.user().userName());
        assertEquals("event-user-" + org.shortCode(), created.user().hubUsername());
        assertEquals(userName, created.user().email());
        assertEquals("Ada", created.user().givenName());
        assertTrue(created.user().active());
        assertEquals("scim-token:" + org.tokenId(), created.actor());
        assertTrue(created.changedAttributes().contains("userName"));

        ConsumerRecord<String, String> updatedRecord = records.get(1);
        ScimUserChanged updated = decode(updatedRecord);
        assertEquals(Change.UPDATED, updated.change());
        assertEquals(2, updated.version());
        assertFalse(updated.user().active());
        assertEquals(List.of("active"), updated.changedAttributes());
        assertEquals(userName, updated.user().userName());
        assertEquals("scim-token:" + org.tokenId(), updated.actor());

        for (ConsumerRecord<String, String> r : records) {
            assertEquals("hub.scim.user.changed", header(r, CloudEventHeaders.TYPE));
            assertEquals("/scim-service", header(r, CloudEventHeaders.SOURCE));
            assertEquals(decode(r).eventId(), header(r, CloudEventHeaders.ID));
            assertNotNull(header(r, CloudEventHeaders.TIME));
        }
        assertFalse(header(records.get(0), CloudEventHeaders.ID).equals(header(records.get(1), CloudEventHeaders.ID)));
    }

    @Test
    void deleteIsPublishedWithTheLastSnapshot() {
        TestOrg org = TestOrgs.create("evdel");
        ScimApi.awaitOrg(org);
        String id = createUser(org, userBody("to.delete")).path("id");
        as(org).delete(org.base() + "/Users/" + id).then().statusCode(204);
        List<ConsumerRecord<String, String>> records = awaitRecords(id, 2);
        ScimUserChanged deleted = decode(records.get(1));
        assertEquals(Change.DELETED, deleted.change());
        assertEquals(2, deleted.version());
        assertEquals("to.delete", deleted.user().userName());
    }

    @Test
    void concurrentPatchesOfOneUserSerializeIntoStrictlyIncreasingVersions() throws Exception {
        TestOrg org = TestOrgs.create("evconc");
        ScimApi.awaitOrg(org);
        String id = createUser(org, userBody("busy.user")).path("id");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "Name " + i;
                Callable<Integer> call = () -> as(org)
                        .body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + name + "\"}]}")
                        .patch(org.base() + "/Users/" + id).statusCode();
                results.add(pool.submit(call));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        as(org).get(org.base() + "/Users/" + id).then().header("ETag", equalTo("W/\"" + (writers + 1) + "\""));
        List<ConsumerRecord<String, String>> records = awaitRecords(id, writers + 1);
        Set<Long> versions = new HashSet<>();
        long previous = 0;
        for (ConsumerRecord<String, String> r : records) {
            long v = decode(r).version();
            assertTrue(v > previous, "versions must strictly increase in partition order: " + previous + " then " + v);
            previous = v;
            versions.add(v);
        }
        assertEquals(writers + 1, versions.size());
    }

    private static ScimUserChanged decode(ConsumerRecord<String, String> r) {
        return EventCodec.decode(r.value(), ScimUserChanged.class);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
