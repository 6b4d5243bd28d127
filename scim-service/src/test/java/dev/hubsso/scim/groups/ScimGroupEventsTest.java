package dev.hubsso.scim.groups;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.createUserId;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.ScimChanges;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What scim-service publishes on scim.changes.v1 for Groups, read back from the real broker. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimGroupEventsTest {

    private static ScimGroupChanged decode(ConsumerRecord<String, String> r) {
        return EventCodec.decode(r.value(), ScimGroupChanged.class);
    }

    private static String sorted(String... ids) {
        return List.of(ids).stream().sorted().toList().toString();
    }

    @Test
    void everyGroupChangeIsPublishedWithItsMembersAndNoOpsAreNot() {
        TestOrg org = TestOrgs.create("gevents");
        ScimApi.awaitOrg(org);
        String a = createUserId(org, "ga-");
        String b = createUserId(org, "gb-");
        String gid = as(org).body("{\"displayName\":\"Readers\",\"externalId\":\"entra-g\",\"members\":[{\"value\":\"" + a
                + "\"}]}").post(org.base() + "/Groups").then().statusCode(201).extract().path("id");
        String path = org.base() + "/Groups/" + gid;
        as(org).body("{\"Operations\":[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}]}")
                .patch(path).then().statusCode(200);
        // a no-op: adding an existing member publishes nothing
        as(org).body("{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}]}")
                .patch(path).then().statusCode(200);
        // a failed PATCH publishes nothing either
        as(org).body("{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + UUID.randomUUID()
                + "\"}]}]}").patch(path).then().statusCode(400);
        // deleting a member user changes the group, in the user deletion's transaction
        as(org).delete(org.base() + "/Users/" + a).then().statusCode(204);
        as(org).delete(path).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = ScimChanges.awaitRecords(gid, 4);
        assertEquals(4, records.size(), "CREATED, UPDATED (add), UPDATED (member deleted), DELETED");
        ScimGroupChanged created = decode(records.get(0));
        assertEquals(Change.CREATED, created.change());
        assertEquals(1, created.version());
        assertEquals(org.orgId(), created.orgId());
        assertEquals("Readers", created.displayName());
        assertEquals("entra-g", created.externalId());
        assertEquals(List.of(a), created.memberIds());
        assertEquals("scim-token:" + org.tokenId(), created.actor());

        ScimGroupChanged added = decode(records.get(1));
        assertEquals(Change.UPDATED, added.change());
        assertEquals(2, added.version());
        assertEquals(sorted(a, b), added.memberIds().toString());

        ScimGroupChanged left = decode(records.get(2));
        assertEquals(Change.UPDATED, left.change());
        assertEquals(3, left.version());
        assertEquals(List.of(b), left.memberIds());

        ScimGroupChanged deleted = decode(records.get(3));
        assertEquals(Change.DELETED, deleted.change());
        assertEquals(4, deleted.version());
        assertEquals(gid, deleted.scimGroupId());
        assertEquals(List.of(), deleted.memberIds());

        for (ConsumerRecord<String, String> r : records) {
            assertEquals(gid, r.key());
            assertEquals("hub.scim.group.changed",
                    new String(r.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8));
        }
        // the user's own deletion is announced too
        List<ConsumerRecord<String, String>> userRecords = ScimChanges.awaitRecords(a, 2);
        assertEquals(Change.DELETED, EventCodec.decode(userRecords.get(1).value(), ScimUserChanged.class).change());
    }

    @Test
    void renameAndReplaceOfMembersArePublished() {
        TestOrg org = TestOrgs.create("gevents2");
        ScimApi.awaitOrg(org);
        String a = createUserId(org, "gr-");
        String gid = as(org).body("{\"displayName\":\"Old\"}").post(org.base() + "/Groups").then().statusCode(201)
                .extract().path("id");
        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"value\":{\"id\":\"" + gid + "\",\"displayName\":\"New\"}},"
                + "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}]}")
                .patch(org.base() + "/Groups/" + gid).then().statusCode(200);
        List<ConsumerRecord<String, String>> records = ScimChanges.awaitRecords(gid, 2);
        assertEquals(2, records.size(), "one PATCH, one event");
        ScimGroupChanged updated = decode(records.get(1));
        assertEquals("New", updated.displayName());
        assertEquals(List.of(a), updated.memberIds());
        assertEquals(2, updated.version());
    }
}
