package dev.hubsso.scim.interop;

import static dev.hubsso.scim.interop.Replay.decodeGroup;
import static dev.hubsso.scim.interop.Replay.decodeUser;
import static dev.hubsso.scim.support.ScimApi.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Replays, in order, the requests Okta's SCIM client sends, with the bodies of Okta's "SCIM 2.0
 * Protocol Reference": the {@code userName eq} existence check with {@code startIndex=1&count=100}
 * (spaces as {@code %20}), a create carrying {@code password}, {@code groups: []} and
 * {@code locale}, updates as GET then full PUT, deactivation and reactivation by path-less
 * {@code replace {"active": ...}}, and group push (create with {@code members: []}, rename by
 * path-less replace that carries the group's own id, {@code remove members[value eq "..."]} with
 * {@code add members}, {@code replace members}, the AIW's full PUT, delete). Responses are checked
 * the way Okta reads them; the events the way provisioning-service reads them.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class OktaReplayTest {

    @Test
    void userProvisioningCycle() {
        TestOrg org = org("okta-u");
        String userName = "test.user." + UUID.randomUUID().toString().substring(0, 8) + "@okta.local";
        String encoded = userName.replace("@", "%40");
        String existence = org.base() + "/Users?filter=userName%20eq%20%22" + encoded + "%22&startIndex=1&count=100";
        String oktaId = "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);

        // 1. Determine if the User already exists: 200 with an empty list, integers not strings
        as(org).urlEncodingEnabled(false).get(existence).then().statusCode(200)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse")))
                .body("totalResults", equalTo(0)).body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(0))
                .body("Resources", empty());

        // 2. Create the User (password accepted, never returned; groups ignored; locale tolerated)
        String id = as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "userName": "%s",
                    "name": {
                        "givenName": "Test",
                        "familyName": "User"
                    },
                    "emails": [{
                        "primary": true,
                        "value": "%s",
                        "type": "work"
                    }],
                    "displayName": "Test User",
                    "locale": "en-US",
                    "externalId": "%s",
                    "groups": [],
                    "password": "1mz050nq",
                    "active": true
                }
                """.formatted(userName, userName, oktaId)).post(org.base() + "/Users").then().statusCode(201)
                .body("id", notNullValue()).body("userName", equalTo(userName)).body("externalId", equalTo(oktaId))
                .body("displayName", equalTo("Test User")).body("active", equalTo(true))
                .body("$", not(hasKey("password"))).body("meta.resourceType", equalTo("User"))
                .extract().path("id");
        // creating it again (Okta retries after a timeout) is a 409 uniqueness, which stops the job
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName.toUpperCase() + "\",\"active\":true}").post(org.base() + "/Users")
                .then().statusCode(409).body("status", equalTo("409")).body("scimType", equalTo("uniqueness"));

        // 3. the existence check now finds it
        as(org).urlEncodingEnabled(false).get(existence).then().statusCode(200)
                .body("totalResults", equalTo(1)).body("itemsPerPage", equalTo(1)).body("Resources[0].id", equalTo(id));

        // 4. Retrieve a specific User
        as(org).get(org.base() + "/Users/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("name.givenName", equalTo("Test")).body("active", equalTo(true));

        // 5. Update: GET, then PUT the whole user back with the change (middleName, Okta's example)
        Response current = as(org).get(org.base() + "/Users/" + id).then().statusCode(200).extract().response();
        assertEquals(userName, current.path("userName"));
        as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "id": "%s",
                    "userName": "%s",
                    "name": {
                        "givenName": "Another",
                        "middleName": "Excited",
                        "familyName": "User"
                    },
                    "emails": [{
                        "primary": true,
                        "value": "%s",
                        "type": "work",
                        "display": "%s"
                    }],
                    "externalId": "%s",
                    "active": true,
                    "groups": [],
                    "meta": {
                        "resourceType": "User"
                    }
                }
                """.formatted(id, userName, userName, userName, oktaId)).put(org.base() + "/Users/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("name.givenName", equalTo("Another"))
                .body("name.familyName", equalTo("User")).body("active", equalTo(true))
                .body("emails[0].value", equalTo(userName));

        // 6. Deactivate: PATCH path-less replace {"active": false}
        as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "replace",
                        "value": {
                            "active": false
                        }
                    }]
                }
                """).patch(org.base() + "/Users/" + id).then().statusCode(Replay.OK_OR_NO_CONTENT)
                .body("active", equalTo(false)).body("name.givenName", equalTo("Another"));
        // Okta's next import still lists the deactivated user, as deactivated
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?startIndex=1&count=100").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("totalResults", instanceOf(Integer.class))
                .body("Resources[0].active", equalTo(false));
        as(org).urlEncodingEnabled(false).get(existence).then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].active", equalTo(false));

        // 7. Reactivate
        as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "replace",
                        "value": {
                            "active": true
                        }
                    }]
                }
                """).patch(org.base() + "/Users/" + id).then().statusCode(Replay.OK_OR_NO_CONTENT)
                .body("active", equalTo(true));

        // 8. AIW integrations deactivate with a PUT carrying active: false instead
        as(org).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"Another","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"externalId":"%s","active":false,"groups":[]}
                """.formatted(id, userName, userName, oktaId)).put(org.base() + "/Users/" + id)
                .then().statusCode(200).body("active", equalTo(false));

        // Okta never deletes users: the user is still there
        as(org).get(org.base() + "/Users/" + id).then().statusCode(200).body("active", equalTo(false));

        List<ScimUserChanged> events = ScimChanges.awaitRecords(id, 5).stream().map(r -> decodeUser(r.value())).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.UPDATED),
                events.stream().map(ScimUserChanged::change).toList(), "a 409 retry must not be announced");
        assertEquals("Another", events.get(1).user().givenName());
        assertTrue(events.get(1).user().active(), "a PUT with active: true keeps the user active");
        assertFalse(events.get(2).user().active(), "deactivation");
        assertEquals(List.of("active"), events.get(2).changedAttributes());
        assertTrue(events.get(3).user().active(), "reactivation");
        assertEquals(List.of("active"), events.get(3).changedAttributes());
        assertFalse(events.get(4).user().active(), "deactivation by PUT");
        assertTrue(events.get(4).changedAttributes().contains("active"));
    }

    @Test
    void groupPushCycle() {
        TestOrg org = org("okta-g");
        String first = Replay.createUser(org, "first." + UUID.randomUUID().toString().substring(0, 8), null);
        String second = Replay.createUser(org, "second." + UUID.randomUUID().toString().substring(0, 8), null);
        String third = Replay.createUser(org, "third." + UUID.randomUUID().toString().substring(0, 8), null);
        String name = "Test SCIMv2 " + UUID.randomUUID().toString().substring(0, 8);

        // 1. Create Groups: POST with an empty member list
        String id = as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                    "displayName": "%s",
                    "members": []
                }
                """.formatted(name)).post(org.base() + "/Groups").then().statusCode(201)
                .body("id", notNullValue()).body("displayName", equalTo(name)).body("meta.resourceType", equalTo("Group"))
                .extract().path("id");

        // 2. Retrieve Groups page by page, and the group itself
        as(org).urlEncodingEnabled(false).get(org.base() + "/Groups?startIndex=1&count=100").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("startIndex", equalTo(1)).body("Resources[0].id", equalTo(id));
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("displayName", equalTo(name));

        // 3. membership push: remove members[value eq] (not a member yet: nothing happens) + add members
        patch(org, id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                          "op": "remove",
                          "path": "members[value eq \\"%s\\"]"
                        },
                        {
                          "op": "add",
                          "path": "members",
                          "value": [{
                              "value": "%s",
                              "display": "first"
                        }]
                    }]
                }
                """.formatted(third, first)).then().statusCode(Replay.OK_OR_NO_CONTENT);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("members.value", equalTo(List.of(first)));

        // 4. rename: path-less replace carrying the group's own id (triggered with every membership update)
        String renamed = name + "0";
        patch(org, id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "replace",
                        "value": {
                            "id": "%s",
                            "displayName": "%s"
                        }
                    }]
                }
                """.formatted(id, renamed)).then().statusCode(Replay.OK_OR_NO_CONTENT);
        // the same rename again: no change, no event
        patch(org, id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + renamed + "\"}}]}")
                .then().statusCode(Replay.OK_OR_NO_CONTENT);

        // 5. full push of the membership: replace members
        patch(org, id, """
                {
                  "schemas": [
                    "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                  ],
                  "Operations": [
                    {
                      "op": "replace",
                      "path": "members",
                      "value": [
                        {
                          "value": "%s",
                          "display": "second"
                        },
                        {
                          "value": "%s",
                          "display": "third"
                        }
                      ]
                    }
                  ]
                }
                """.formatted(second, third)).then().statusCode(Replay.OK_OR_NO_CONTENT);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("displayName", equalTo(renamed))
                .body("members.value", containsInAnyOrder(second, third));

        // 6. then remove one member by filter
        patch(org, id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\","
                + "\"path\":\"members[value eq \\\"" + second + "\\\"]\"}]}").then().statusCode(Replay.OK_OR_NO_CONTENT);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("members.value", equalTo(List.of(third)));

        // 7. AIW integrations update with a full PUT
        as(org).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"%s",
                 "members":[{"value":"%s","display":"first"},{"value":"%s","display":"third"}]}
                """.formatted(id, renamed, first, third)).put(org.base() + "/Groups/" + id).then().statusCode(200)
                .body("members.value", containsInAnyOrder(first, third));

        // 8. empty the group, then Delete a specific Group
        patch(org, id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]}")
                .then().statusCode(Replay.OK_OR_NO_CONTENT);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("$", not(hasKey("members")));
        as(org).delete(org.base() + "/Groups/" + id).then().statusCode(204);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(404).body("status", equalTo("404"));
        as(org).get(org.base() + "/Users/" + first).then().statusCode(200);

        List<ScimGroupChanged> events = ScimChanges.awaitRecords(id, 8).stream().map(r -> decodeGroup(r.value())).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.UPDATED,
                Change.UPDATED, Change.DELETED), events.stream().map(ScimGroupChanged::change).toList(),
                "the repeated rename must not be announced");
        assertEquals(List.of(first), events.get(1).memberIds());
        assertEquals(renamed, events.get(2).displayName());
        assertEquals(List.of(second, third).stream().sorted().toList(), events.get(3).memberIds().stream().sorted().toList());
        assertEquals(List.of(third), events.get(4).memberIds());
        assertEquals(List.of(first, third).stream().sorted().toList(), events.get(5).memberIds().stream().sorted().toList());
        assertEquals(List.of(), events.get(6).memberIds());
        assertEquals(Change.DELETED, events.get(7).change());
    }

    private static TestOrg org(String prefix) {
        TestOrg org = TestOrgs.create(prefix);
        ScimApi.awaitOrg(org);
        return org;
    }

    private static Response patch(TestOrg org, String groupId, String body) {
        return as(org).body(body).patch(org.base() + "/Groups/" + groupId);
    }
}
