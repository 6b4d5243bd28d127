package dev.hubsso.scim.patch;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.createUserId;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * PATCH value filters beyond {@code eq} over the real database and broker: what is stored, the
 * ETag, the one outbox event per change, and that a bad filter changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class PatchValueFilterApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A PatchOp body; paths are plain strings, JSON-escaped here. */
    private static String patch(Object[]... operations) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        ArrayNode ops = body.putArray("Operations");
        for (Object[] o : operations) {
            ObjectNode op = ops.addObject().put("op", (String) o[0]).put("path", (String) o[1]);
            if (o.length > 2) {
                op.set("value", JSON.valueToTree(o[2]));
            }
        }
        return body.toString();
    }

    private static Object[] op(String op, String path, Object... value) {
        return value.length == 0 ? new Object[] { op, path } : new Object[] { op, path, value[0] };
    }

    @Test
    void userEmailsSelectedByNonEqFilters() {
        TestOrg org = TestOrgs.create("pvf");
        ScimApi.awaitOrg(org);
        String name = "filtered-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createUser(org, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%1$s@example.com",
                 "emails":[{"value":"%1$s@example.com","type":"work","primary":true},
                           {"value":"%1$s@Home.example.org","type":"home"},
                           {"value":"%1$s@other.example.org","type":"other"}]}""".formatted(name)).path("id");
        String path = org.base() + "/Users/" + id;

        // or + co (case-insensitive, emails.value is not caseExact), then a boolean filter with a sub-attribute
        as(org).body(patch(op("remove", "emails[type eq \"home\" or value co \"@OTHER.\"]"),
                op("Replace", "emails[primary eq true and not (type ne \"work\")].value", name + ".new@example.com")))
                .patch(path).then().statusCode(200).header("ETag", equalTo("W/\"2\""))
                .body("emails.size()", equalTo(1))
                .body("emails[0].value", equalTo(name + ".new@example.com"))
                .body("emails[0].type", equalTo("work"))
                .body("emails[0].primary", equalTo(true));

        // a filter matching nothing: replace is noTarget, remove changes nothing (same version)
        as(org).body(patch(op("replace", "emails[value sw \"zzz\"].type", "home"))).patch(path)
                .then().statusCode(400).contentType(startsWith("application/scim+json"))
                .body("status", equalTo("400")).body("scimType", equalTo("noTarget"));
        as(org).body(patch(op("remove", "emails[value ew \"@nowhere.test\"]"))).patch(path)
                .then().statusCode(200).header("ETag", equalTo("W/\"2\""));

        // a valid first operation and an invalid filter after it: 400 invalidPath, nothing stored
        as(org).body(patch(op("replace", "displayName", "Changed"),
                op("remove", "emails[type gt \"work\" and nickName pr]"))).patch(path)
                .then().statusCode(400).contentType(startsWith("application/scim+json"))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("400")).body("scimType", equalTo("invalidPath"));
        as(org).body(patch(op("remove", "emails[type eq \"work\""))).patch(path)
                .then().statusCode(400).body("scimType", equalTo("invalidPath"));
        as(org).get(path).then().statusCode(200).header("ETag", equalTo("W/\"2\""))
                .body("displayName", equalTo(null))
                .body("emails.value", equalTo(List.of(name + ".new@example.com")));

        List<ConsumerRecord<String, String>> records = ScimChanges.awaitRecords(id, 2);
        assertEquals(2, records.size(), "CREATED and one UPDATED: no event for the no-op or the failures");
        ScimUserChanged updated = EventCodec.decode(records.get(1).value(), ScimUserChanged.class);
        assertEquals(Change.UPDATED, updated.change());
        assertEquals(2, updated.version());
        assertEquals(List.of("emails"), updated.changedAttributes());
        assertEquals(name + ".new@example.com", updated.user().email());
    }

    @Test
    void groupMembersRemovedByAnOrFilter() {
        TestOrg org = TestOrgs.create("pvfg");
        ScimApi.awaitOrg(org);
        String a = createUserId(org, "pa-");
        String b = createUserId(org, "pb-");
        String c = createUserId(org, "pc-");
        String gid = as(org).body(JSON.valueToTree(Map.of("displayName", "Filtered", "members",
                List.of(Map.of("value", a), Map.of("value", b), Map.of("value", c)))).toString())
                .post(org.base() + "/Groups").then().statusCode(201).extract().path("id");
        String path = org.base() + "/Groups/" + gid;

        as(org).body(patch(op("remove", "members[value eq \"" + a + "\" or value eq \"" + b + "\"]")))
                .patch(path).then().statusCode(200).header("ETag", equalTo("W/\"2\""));
        as(org).get(path).then().statusCode(200).body("members.value", equalTo(List.of(c)));

        // member ids are caseExact: the upper-case id selects nobody, so nothing changes
        as(org).body(patch(op("remove", "members[value eq \"" + c.toUpperCase() + "\"]"))).patch(path)
                .then().statusCode(200).header("ETag", equalTo("W/\"2\""));
        // display is not something a member can be selected by; the whole PATCH fails
        as(org).body(patch(op("remove", "members[value eq \"" + c + "\"]"), op("remove", "members[display co \"x\"]")))
                .patch(path).then().statusCode(400).body("scimType", equalTo("invalidPath"));
        as(org).body(patch(op("replace", "members[value ne \"" + c + "\"]", Map.of("value", a)))).patch(path)
                .then().statusCode(400).body("scimType", equalTo("noTarget"));
        as(org).get(path).then().statusCode(200).header("ETag", equalTo("W/\"2\""))
                .body("members.value", equalTo(List.of(c)));

        List<ConsumerRecord<String, String>> records = ScimChanges.awaitRecords(gid, 2);
        assertEquals(2, records.size(), "CREATED and one UPDATED");
        ScimGroupChanged updated = EventCodec.decode(records.get(1).value(), ScimGroupChanged.class);
        assertEquals(Change.UPDATED, updated.change());
        assertEquals(2, updated.version());
        assertEquals(List.of(c), updated.memberIds());
    }
}
