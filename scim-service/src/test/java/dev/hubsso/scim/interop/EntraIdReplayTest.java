package dev.hubsso.scim.interop;

import static dev.hubsso.scim.interop.Replay.decodeGroup;
import static dev.hubsso.scim.interop.Replay.decodeUser;
import static dev.hubsso.scim.interop.Replay.query;
import static dev.hubsso.scim.support.ScimApi.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Replays, in order, the requests the Microsoft Entra provisioning service sends, with the bodies
 * of Microsoft's "Develop and plan provisioning for a SCIM endpoint" request/response examples
 * (capitalised ops, {@code meta} and {@code roles} in the create body, the ADSCIM group schema URN,
 * {@code "$ref": null} in member values, {@code excludedAttributes=members}) and the shapes of the
 * "Known issues with SCIM 2.0 compliance" page (string booleans, the {@code aadOptscim062020}
 * forms). Each response is checked the way Entra reads it, and the resulting
 * {@code scim.changes.v1} events the way provisioning-service reads them.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class EntraIdReplayTest {

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** "Test Connection": a filter on a random GUID must answer 200 with an empty list, never 404. */
    @Test
    void testConnectionQueriesARandomGuidAndGetsAnEmptyList() {
        TestOrg org = org("entra-tc");
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query("id eq \"" + UUID.randomUUID() + "\""))
                .then().statusCode(200).body("totalResults", equalTo(0)).body("Resources", empty());
        as(org).urlEncodingEnabled(false)
                .get(org.base() + "/Users?filter=" + query("userName eq \"" + UUID.randomUUID() + "\""))
                .then().statusCode(200).body("totalResults", equalTo(0));
    }

    /**
     * A user's life as Entra drives it: match by {@code userName} (none), create, read back, update
     * multi-valued and single-valued attributes, disable with {@code "False"}, find the disabled
     * user (it must stay visible, with {@code active: false}), enable with {@code "True"}, delete.
     */
    @Test
    void userProvisioningCycle() {
        TestOrg org = org("entra-u");
        String userName = "Test_User_" + UUID.randomUUID();
        String objectId = UUID.randomUUID().toString();
        String mail = "Test_User_" + UUID.randomUUID() + "@testuser.com";

        // 1. match on userName: nothing yet (Get User by query - Zero results)
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query("userName eq \"" + userName + "\""))
                .then().statusCode(200)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse")))
                .body("totalResults", equalTo(0)).body("Resources", empty()).body("startIndex", equalTo(1));

        // 2. Create User, the body of Microsoft's example
        String id = as(org).body("""
                {
                    "schemas": [
                        "urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                    "externalId": "%s",
                    "userName": "%s",
                    "active": true,
                    "emails": [{
                        "primary": true,
                        "type": "work",
                        "value": "%s"
                    }],
                    "meta": {
                        "resourceType": "User"
                    },
                    "name": {
                        "formatted": "givenName familyName",
                        "familyName": "familyName",
                        "givenName": "givenName"
                    },
                    "roles": []
                }
                """.formatted(objectId, userName, mail))
                .post(org.base() + "/Users").then().statusCode(201)
                .header("Location", notNullValue())
                .body("id", notNullValue()).body("externalId", equalTo(objectId)).body("userName", equalTo(userName))
                .body("active", equalTo(true)).body("name.formatted", equalTo("givenName familyName"))
                .body("emails[0].value", equalTo(mail)).body("emails[0].type", equalTo("work"))
                .body("emails[0].primary", equalTo(true)).body("meta.resourceType", equalTo("User"))
                .extract().path("id");

        // 3. Get User, then Get User by query (userName, and Entra's default matching attribute externalId)
        as(org).get(org.base() + "/Users/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("userName", equalTo(userName)).body("active", equalTo(true));
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query("userName eq \"" + userName + "\""))
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id))
                .body("Resources[0].externalId", equalTo(objectId));
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query("externalId eq \"" + objectId + "\""))
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        // an unknown user by id: 404 with a SCIM error ("the detail isn't required, only status")
        as(org).get(org.base() + "/Users/" + UUID.randomUUID()).then().statusCode(404).body("status", equalTo("404"));

        // 4. Update User [Multi-valued properties]
        patch(org, "/Users/" + id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [
                            {
                            "op": "Replace",
                            "path": "emails[type eq \\"work\\"].value",
                            "value": "updatedEmail@microsoft.com"
                            },
                            {
                            "op": "Replace",
                            "path": "name.familyName",
                            "value": "updatedFamilyName"
                            }
                    ]
                }
                """).then().statusCode(200)
                .body("emails", hasSize(1)).body("emails[0].value", equalTo("updatedEmail@microsoft.com"))
                .body("emails[0].type", equalTo("work")).body("emails[0].primary", equalTo(true))
                .body("name.familyName", equalTo("updatedFamilyName")).body("name.givenName", equalTo("givenName"));

        // 5. Update User [Single-valued properties]: a rename
        String renamed = UUID.randomUUID() + "@testuser.com";
        patch(org, "/Users/" + id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Replace",
                        "path": "userName",
                        "value": "%s"
                    }]
                }
                """.formatted(renamed)).then().statusCode(200).body("userName", equalTo(renamed));

        // 6. Disable User, with the string boolean Entra sends without the aadOptscim062020 flag
        patch(org, "/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}")
                .then().statusCode(200).body("active", equalTo(false));
        // the next cycle finds the disabled user by userName, and it must carry active (SCIM Validator)
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query("userName eq \"" + renamed + "\""))
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].active", equalTo(false));
        // Entra resends the same state on its next cycle: nothing changes, no event
        patch(org, "/Users/" + id, """
                {
                    "Operations": [
                        {
                            "op": "Replace",
                            "path": "active",
                            "value": false
                        }
                    ],
                    "schemas": [
                        "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                    ]
                }
                """).then().statusCode(200).body("active", equalTo(false)).header("ETag", equalTo("W/\"4\""));

        // 7. Re-enable ("True")
        patch(org, "/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]}")
                .then().statusCode(200).body("active", equalTo(true));

        // 8. Delete User: 204, then gone
        as(org).delete(org.base() + "/Users/" + id).then().statusCode(204);
        as(org).get(org.base() + "/Users/" + id).then().statusCode(404);
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query("userName eq \"" + renamed + "\""))
                .then().statusCode(200).body("totalResults", equalTo(0));

        List<ScimUserChanged> events = ScimChanges.awaitRecords(id, 6).stream().map(r -> decodeUser(r.value())).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.DELETED),
                events.stream().map(ScimUserChanged::change).toList(), "the resent disable must not be announced");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), events.stream().map(ScimUserChanged::version).toList());
        assertEquals(objectId, events.get(0).user().externalId());
        assertEquals("updatedEmail@microsoft.com", events.get(1).user().email());
        assertEquals(renamed, events.get(2).user().userName());
        assertFalse(events.get(3).user().active(), "disable announced as active=false");
        assertEquals(List.of("active"), events.get(3).changedAttributes());
        assertTrue(events.get(4).user().active(), "enable announced as active=true");
        assertEquals(List.of("active"), events.get(4).changedAttributes());
        assertEquals(renamed, events.get(5).user().userName(), "the delete carries the last snapshot");
    }

    /**
     * The {@code aadOptscim062020} flag's forms: lowercase ops, real booleans, path-less replace
     * with dotted keys and the Enterprise extension by its full URN, manager as a bare id and its
     * removal with {@code {"value": ""}}.
     */
    @Test
    void userUpdatesWithTheComplianceFlag() {
        TestOrg org = org("entra-flag");
        String manager = Replay.createUser(org, "Manager_" + UUID.randomUUID(), null);
        String id = Replay.createUser(org, "Flagged_" + UUID.randomUUID(), UUID.randomUUID().toString());
        patch(org, "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{
                    "name.givenName":"Kim",
                    "name.familyName":"Akers",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"A-1",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Research"}},
                  {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                   "value":"%s"},
                  {"op":"replace","path":"active","value":false}]}
                """.formatted(manager)).then().statusCode(200)
                .body("name.givenName", equalTo("Kim")).body("name.familyName", equalTo("Akers")).body("active", equalTo(false))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber", equalTo("A-1"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department", equalTo("Research"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value", equalTo(manager));
        // Entra removes a manager by replacing it with an empty value
        patch(org, "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                   "value":{"value":""}}]}
                """).then().statusCode(200)
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'", not(hasKey("manager")));
        // employeeNumber is a matching attribute some tenants configure
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter=" + query(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"A-1\""))
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        // a bad op in the same request leaves everything as it was (atomic)
        patch(org, "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":true},
                               {"op":"replace","path":"nickName2","value":"x"}]}
                """).then().statusCode(400).body("scimType", equalTo("invalidPath"));
        as(org).get(org.base() + "/Users/" + id).then().statusCode(200).body("active", equalTo(false));
    }

    /**
     * Group push as Entra does it: created without members, read with
     * {@code excludedAttributes=members}, matched by {@code displayName} and {@code externalId},
     * renamed, members added and removed with a value list (only the listed ones leave), membership
     * probed with {@code id eq ... and members.value eq ...}, deleted.
     */
    @Test
    void groupProvisioningCycle() {
        TestOrg org = org("entra-g");
        String alice = Replay.createUser(org, "Test_User_" + UUID.randomUUID(), UUID.randomUUID().toString());
        String bob = Replay.createUser(org, "Test_User_" + UUID.randomUUID(), UUID.randomUUID().toString());
        String carol = Replay.createUser(org, "Test_User_" + UUID.randomUUID(), UUID.randomUUID().toString());
        String displayName = "displayName-" + UUID.randomUUID();
        String objectId = UUID.randomUUID().toString();

        // 1. match by displayName: none
        as(org).urlEncodingEnabled(false).get(org.base() + "/Groups?excludedAttributes=members&filter="
                + query("displayName eq \"" + displayName + "\"")).then().statusCode(200).body("totalResults", equalTo(0));

        // 2. Create Group, the body of Microsoft's example (with the ADSCIM schema URN)
        String id = as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                    "externalId": "%s",
                    "displayName": "%s",
                    "meta": {
                        "resourceType": "Group"
                    }
                }
                """.formatted(objectId, displayName)).post(org.base() + "/Groups").then().statusCode(201)
                .body("id", notNullValue()).body("externalId", equalTo(objectId)).body("displayName", equalTo(displayName))
                .body("meta.resourceType", equalTo("Group"))
                .extract().path("id");

        // 3. Get Group, Get Group by displayName (members excluded), by externalId
        as(org).get(org.base() + "/Groups/" + id + "?excludedAttributes=members").then().statusCode(200)
                .body("id", equalTo(id)).body("displayName", equalTo(displayName)).body("$", not(hasKey("members")));
        as(org).urlEncodingEnabled(false).get(org.base() + "/Groups?excludedAttributes=members&filter="
                + query("displayName eq \"" + displayName + "\"")).then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id))
                .body("Resources[0]", not(hasKey("members")));
        as(org).urlEncodingEnabled(false).get(org.base() + "/Groups?excludedAttributes=members&filter="
                + query("externalId eq \"" + objectId + "\"")).then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));

        // 4. Update Group [Non-member attributes]
        String renamed = UUID.randomUUID() + "updatedDisplayName";
        patch(org, "/Groups/" + id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Replace",
                        "path": "displayName",
                        "value": "%s"
                    }]
                }
                """.formatted(renamed)).then().statusCode(Replay.OK_OR_NO_CONTENT);

        // 5. Update Group [Add Members], one request per batch as Entra sends them
        for (String member : List.of(alice, bob, carol)) {
            patch(org, "/Groups/" + id, """
                    {
                        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                        "Operations": [{
                            "op": "Add",
                            "path": "members",
                            "value": [{
                                "$ref": null,
                                "value": "%s"
                            }]
                        }]
                    }
                    """.formatted(member)).then().statusCode(Replay.OK_OR_NO_CONTENT);
        }
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("displayName", equalTo(renamed))
                .body("members.value", containsInAnyOrder(alice, bob, carol));

        // 6. membership probe (is alice a member?), then one that must come back empty
        as(org).urlEncodingEnabled(false).get(org.base() + "/Groups?excludedAttributes=members&filter="
                + query("id eq \"" + id + "\" and members.value eq \"" + alice + "\"")).then().statusCode(200)
                .body("totalResults", equalTo(1));

        // 7. Update Group [Remove Members]: only the listed member leaves
        patch(org, "/Groups/" + id, """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "Remove",
                        "path": "members",
                        "value": [{
                            "$ref": null,
                            "value": "%s"
                        }]
                    }]
                }
                """.formatted(alice)).then().statusCode(Replay.OK_OR_NO_CONTENT);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(200).body("members.value", containsInAnyOrder(bob, carol));
        as(org).urlEncodingEnabled(false).get(org.base() + "/Groups?excludedAttributes=members&filter="
                + query("id eq \"" + id + "\" and members.value eq \"" + alice + "\"")).then().statusCode(200)
                .body("totalResults", equalTo(0));
        // the user's computed groups follow
        as(org).get(org.base() + "/Users/" + bob).then().statusCode(200).body("groups.value", equalTo(List.of(id)));
        as(org).get(org.base() + "/Users/" + alice).then().statusCode(200).body("$", not(hasKey("groups")));

        // 8. Delete Group: 204; the members stay users
        as(org).delete(org.base() + "/Groups/" + id).then().statusCode(204);
        as(org).get(org.base() + "/Groups/" + id).then().statusCode(404);
        as(org).get(org.base() + "/Users/" + bob).then().statusCode(200).body("$", not(hasKey("groups")));

        List<ScimGroupChanged> events = ScimChanges.awaitRecords(id, 7).stream().map(r -> decodeGroup(r.value())).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.UPDATED, Change.UPDATED,
                Change.DELETED), events.stream().map(ScimGroupChanged::change).toList());
        assertEquals(List.of(), events.get(0).memberIds());
        assertEquals(renamed, events.get(1).displayName());
        assertEquals(List.of(alice), events.get(2).memberIds());
        assertEquals(3, events.get(4).memberIds().size());
        assertEquals(List.of(bob, carol).stream().sorted().toList(), events.get(5).memberIds().stream().sorted().toList(),
                "Entra's remove with a value list removes only alice");
    }

    /**
     * Entra's default attribute mappings for a SCIM app also send title, preferredLanguage,
     * phone numbers by type and the parts of the work address ("Tutorial: Develop a sample SCIM
     * endpoint", default user attribute mappings): the create carries them, and later changes
     * arrive as one PATCH of path operations on filtered paths. Every one must succeed and read
     * back, or Entra reports the user as failed.
     */
    @Test
    void defaultAttributeMappingsCreateUpdateAndClear() {
        TestOrg org = org("entra-map");
        String userName = "mapped_" + UUID.randomUUID() + "@contoso.com";
        String id = as(org).body("""
                {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                    "externalId": "%s",
                    "userName": "%s",
                    "active": true,
                    "displayName": "Mapped User",
                    "title": "Engineer",
                    "preferredLanguage": "en-US",
                    "emails": [{"primary": true, "type": "work", "value": "%s"}],
                    "name": {"givenName": "Mapped", "familyName": "User"},
                    "phoneNumbers": [{"type": "work", "value": "+1 425 555 0100"},
                                     {"type": "fax", "value": "+1 425 555 0101"}],
                    "addresses": [{"type": "work", "formatted": "1 Microsoft Way, Redmond, WA 98052, US",
                                   "streetAddress": "1 Microsoft Way", "locality": "Redmond", "region": "WA",
                                   "postalCode": "98052", "country": "US", "primary": true}],
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701",
                                   "department": "Research"}
                }
                """.formatted(UUID.randomUUID(), userName, userName))
                .post(org.base() + "/Users").then().statusCode(201)
                .body("title", equalTo("Engineer")).body("preferredLanguage", equalTo("en-US"))
                .body("phoneNumbers.type", equalTo(List.of("work", "fax")))
                .body("addresses[0].locality", equalTo("Redmond")).body("addresses[0].primary", equalTo(true))
                .extract().path("id");

        // a sync cycle later: new title, a mobile number, a moved office, the fax cleared
        as(org).body("""
                {"schemas": ["%s"],
                 "Operations": [
                    {"op": "Replace", "path": "title", "value": "Principal Engineer"},
                    {"op": "Add", "path": "phoneNumbers[type eq \\\"mobile\\\"].value", "value": "+1 425 555 0199"},
                    {"op": "Replace", "path": "addresses[type eq \\\"work\\\"].streetAddress", "value": "2 Bellevue Way"},
                    {"op": "Replace", "path": "addresses[type eq \\\"work\\\"].locality", "value": "Bellevue"},
                    {"op": "Replace", "path": "addresses[type eq \\\"work\\\"].formatted",
                     "value": "2 Bellevue Way, Bellevue, WA 98052, US"},
                    {"op": "Remove", "path": "phoneNumbers[type eq \\\"fax\\\"].value"},
                    {"op": "Replace", "path": "preferredLanguage", "value": "fr-FR"}]}
                """.formatted(PATCH_OP)).patch(org.base() + "/Users/" + id).then().statusCode(200)
                .body("title", equalTo("Principal Engineer")).body("preferredLanguage", equalTo("fr-FR"))
                .body("phoneNumbers.type", equalTo(List.of("work", "mobile")))
                .body("phoneNumbers.value", equalTo(List.of("+1 425 555 0100", "+1 425 555 0199")))
                .body("addresses[0].streetAddress", equalTo("2 Bellevue Way"))
                .body("addresses[0].postalCode", equalTo("98052"));

        // what was stored reads back, filters find it, projections name it
        as(org).get(org.base() + "/Users/" + id + "?attributes=phoneNumbers,title").then().statusCode(200)
                .body("title", equalTo("Principal Engineer")).body("phoneNumbers", hasSize(2))
                .body("$", not(hasKey("addresses"))).body("$", not(hasKey("preferredLanguage")));
        as(org).urlEncodingEnabled(false).get(org.base() + "/Users?filter="
                + query("phoneNumbers[type eq \"mobile\" and value eq \"+1 425 555 0199\"] and title eq \"principal engineer\""))
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));

        // the same PATCH again (Entra retries after a timeout) changes nothing
        as(org).body("""
                {"schemas": ["%s"],
                 "Operations": [{"op": "Replace", "path": "title", "value": "Principal Engineer"},
                                {"op": "Add", "path": "phoneNumbers[type eq \\\"mobile\\\"].value", "value": "+1 425 555 0199"}]}
                """.formatted(PATCH_OP)).patch(org.base() + "/Users/" + id).then().statusCode(200)
                .body("meta.version", equalTo("W/\"2\""));

        List<ScimUserChanged> events = ScimChanges.awaitRecords(id, 2).stream().map(r -> decodeUser(r.value())).toList();
        assertEquals(2, events.size(), "created and one update; the retried PATCH is a no-op");
        assertEquals(List.of("addresses", "phoneNumbers", "preferredLanguage", "title"),
                events.get(1).changedAttributes().stream().sorted().toList());
    }

    private static TestOrg org(String prefix) {
        TestOrg org = TestOrgs.create(prefix);
        ScimApi.awaitOrg(org);
        return org;
    }

    private static io.restassured.response.Response patch(TestOrg org, String path, String body) {
        return as(org).body(body).patch(org.base() + path);
    }
}
