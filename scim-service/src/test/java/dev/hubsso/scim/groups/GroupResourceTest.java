package dev.hubsso.scim.groups;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Groups endpoints over the real database, with the member shapes Entra ID and Okta send. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class GroupResourceTest {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static TestOrg org;

    @BeforeEach
    void org() {
        if (org == null) {
            org = TestOrgs.create("groups");
            ScimApi.awaitOrg(org);
        }
    }

    private static String groups() {
        return org.base() + "/Groups";
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String user(String prefix) {
        return createUser(org, userBody(unique(prefix))).path("id");
    }

    private static String members(String... ids) {
        StringBuilder b = new StringBuilder("[");
        for (String id : ids) {
            b.append(b.length() > 1 ? "," : "").append("{\"value\":\"").append(id).append("\"}");
        }
        return b.append(']').toString();
    }

    private static Response createGroup(String displayName, String... memberIds) {
        return as(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + displayName + "\",\"members\":" + members(memberIds) + "}")
                .post(groups()).then().statusCode(201).extract().response();
    }

    private static Response patch(String groupId, String operations) {
        return as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                + operations + "}").patch(groups() + "/" + groupId);
    }

    private static List<String> memberIds(String groupId) {
        List<String> ids = as(org).get(groups() + "/" + groupId).then().statusCode(200).extract().path("members.value");
        return ids == null ? List.of() : ids;
    }

    @Test
    void createAnswers201WithLocationEtagAndMembersShownWithDisplay() {
        String adaName = unique("ada");
        String ada = createUser(org, userBody(adaName)).path("id");
        String name = unique("Engineering");
        Response r = as(org).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"mine","externalId":"okta-g1",
                 "displayName":"%s","members":[{"value":"%s","display":"ignored"}]}
                """.formatted(name, ada)).post(groups())
                .then().statusCode(201)
                .contentType(startsWith("application/scim+json"))
                .header("ETag", equalTo("W/\"1\""))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:schemas:core:2.0:Group")))
                .body("id", not(equalTo("mine")))
                .body("displayName", equalTo(name))
                .body("externalId", equalTo("okta-g1"))
                .body("members.value", equalTo(List.of(ada)))
                // no displayName on the user: its userName is shown
                .body("members[0].display", equalTo(adaName))
                .body("members[0].$ref", endsWith(org.base() + "/Users/" + ada))
                .body("meta.resourceType", equalTo("Group"))
                .body("meta.version", equalTo("W/\"1\""))
                .extract().response();
        String id = r.path("id");
        assertEquals(r.path("meta.location"), r.header("Location"));
        assertEquals(true, r.header("Location").startsWith("http"));
        as(org).get(groups() + "/" + id).then().statusCode(200).header("ETag", equalTo("W/\"1\""))
                .body("members.value", equalTo(List.of(ada)));
        as(org).header("If-None-Match", "W/\"1\"").get(groups() + "/" + id).then().statusCode(304);
    }

    @Test
    void displayNameIsUniquePerOrgCaseInsensitively() {
        String name = unique("Sales");
        createGroup(name);
        as(org).body("{\"displayName\":\"" + name.toUpperCase() + "\"}").post(groups())
                .then().statusCode(409).body("scimType", equalTo("uniqueness")).body("schemas", hasItem(ERROR));
        String other = createGroup(unique("Marketing")).path("id");
        patch(other, "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + name.toLowerCase() + "\"}]")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
        // another org may use the same name
        TestOrg second = TestOrgs.create("groups2");
        ScimApi.awaitOrg(second);
        as(second).body("{\"displayName\":\"" + name + "\"}").post(second.base() + "/Groups").then().statusCode(201);
    }

    @Test
    void membersMustBeUsersOfTheSameOrg() {
        TestOrg other = TestOrgs.create("groups-other");
        ScimApi.awaitOrg(other);
        String stranger = createUser(other, userBody(unique("stranger"))).path("id");
        as(org).body("{\"displayName\":\"" + unique("G") + "\",\"members\":" + members(stranger) + "}").post(groups())
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        as(org).body("{\"displayName\":\"" + unique("G") + "\",\"members\":" + members(UUID.randomUUID().toString()) + "}")
                .post(groups()).then().statusCode(400).body("scimType", equalTo("invalidValue"));
        String id = createGroup(unique("G")).path("id");
        patch(id, "[{\"op\":\"add\",\"path\":\"members\",\"value\":" + members(stranger) + "}]")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        as(org).get(groups() + "/" + id).then().header("ETag", equalTo("W/\"1\"")).body("$", not(hasKey("members")));
    }

    @Test
    void entraAndOktaMemberShapes() {
        String a = user("a");
        String b = user("b");
        String c = user("c");
        String id = createGroup(unique("Shapes"), a, b).path("id");
        // Entra: Add, then Remove with a value list removes only the listed member
        patch(id, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":" + members(c) + "}]").then().statusCode(200)
                .body("members.value", containsInAnyOrder(a, b, c));
        patch(id, "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":" + members(a) + "}]").then().statusCode(200)
                .body("members.value", containsInAnyOrder(b, c));
        // aadOptscim062020 / Okta: remove members[value eq "id"]
        patch(id, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"}]").then().statusCode(200);
        assertEquals(List.of(c), memberIds(id));
        // Okta: replace members [...] then []
        patch(id, "[{\"op\":\"replace\",\"path\":\"members\",\"value\":" + members(a, b) + "}]").then().statusCode(200);
        assertEquals(List.of(a, b).stream().sorted().toList(), memberIds(id).stream().sorted().toList());
        patch(id, "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]").then().statusCode(200)
                .body("$", not(hasKey("members")));
        assertEquals(List.of(), memberIds(id));
        // Okta: add members with display, then rename by a path-less replace carrying the group's own id
        String renamed = unique("Renamed");
        patch(id, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\",\"display\":\"A\"}]}]")
                .then().statusCode(200);
        patch(id, "[{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + renamed + "\"}}]")
                .then().statusCode(200).body("displayName", equalTo(renamed)).body("id", equalTo(id))
                .body("members.value", equalTo(List.of(a)));
    }

    @Test
    void addingAnExistingMemberChangesNothing() {
        String a = user("same");
        String id = createGroup(unique("Stable"), a).path("id");
        Response before = as(org).get(groups() + "/" + id).then().extract().response();
        patch(id, "[{\"op\":\"add\",\"path\":\"members\",\"value\":" + members(a) + "}]")
                .then().statusCode(200).header("ETag", equalTo("W/\"1\""))
                .body("meta.lastModified", equalTo(before.path("meta.lastModified")));
        // an atomic PATCH: the failing second op leaves the first undone
        String b = user("other");
        patch(id, "[{\"op\":\"add\",\"path\":\"members\",\"value\":" + members(b) + "},"
                + "{\"op\":\"replace\",\"path\":\"meta\",\"value\":{}}]")
                .then().statusCode(400).body("scimType", equalTo("mutability"));
        assertEquals(List.of(a), memberIds(id));
        as(org).get(groups() + "/" + id).then().header("ETag", equalTo("W/\"1\""));
    }

    @Test
    void putReplacesMembersAndNeverCreates() {
        String a = user("put-a");
        String b = user("put-b");
        String id = createGroup(unique("Put"), a).path("id");
        String name = unique("PutRenamed");
        as(org).body("{\"displayName\":\"" + name + "\",\"members\":" + members(b) + "}").put(groups() + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("W/\"2\"")).body("members.value", equalTo(List.of(b)));
        as(org).header("If-Match", "W/\"1\"").body("{\"displayName\":\"" + name + "\"}").put(groups() + "/" + id)
                .then().statusCode(412);
        as(org).body("{\"displayName\":\"x\"}").put(groups() + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("schemas", hasItem(ERROR));
    }

    @Test
    void listFiltersOnDisplayNameExternalIdAndMembers() {
        String a = user("filter-a");
        String name = unique("Filtered");
        String id = as(org).body("{\"displayName\":\"" + name + "\",\"externalId\":\"ExtF1\",\"members\":" + members(a) + "}")
                .post(groups()).then().statusCode(201).extract().path("id");
        String other = createGroup(unique("Unfiltered")).path("id");
        as(org).queryParam("filter", "displayName eq \"" + name.toUpperCase() + "\"").get(groups())
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id))
                .body("Resources[0].members.value", equalTo(List.of(a)));
        as(org).queryParam("filter", "externalId eq \"ExtF1\"").get(groups())
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        // externalId is caseExact
        as(org).queryParam("filter", "externalId eq \"extf1\"").get(groups()).then().body("totalResults", equalTo(0));
        as(org).queryParam("filter", "members.value eq \"" + a + "\"").get(groups())
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        as(org).queryParam("filter", "members[value eq \"" + a + "\"] and displayName sw \"Filtered\"").get(groups())
                .then().body("totalResults", equalTo(1));
        as(org).queryParam("filter", "not (members pr) and id eq \"" + other + "\"").get(groups())
                .then().body("totalResults", equalTo(1));
        // Entra's Test Connection: a filter that matches nothing is 200 with an empty list
        as(org).queryParam("filter", "displayName eq \"" + UUID.randomUUID() + "\"").get(groups())
                .then().statusCode(200).body("totalResults", equalTo(0)).body("Resources", equalTo(List.of()));
        as(org).queryParam("filter", "displayName eq").get(groups())
                .then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        as(org).queryParam("filter", "owner eq \"x\"").get(groups())
                .then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        // Entra lists groups without members
        as(org).queryParam("filter", "displayName eq \"" + name + "\"").queryParam("excludedAttributes", "members")
                .get(groups()).then().body("Resources[0]", not(hasKey("members")))
                .body("Resources[0].displayName", equalTo(name));
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"members.value eq \\\"" + a + "\\\"\",\"attributes\":[\"displayName\"]}")
                .post(groups() + "/.search")
                .then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0].displayName", equalTo(name)).body("Resources[0]", not(hasKey("members")));
    }

    @Test
    void listPagesAndSortsByDisplayName() {
        TestOrg own = TestOrgs.create("groups-page");
        ScimApi.awaitOrg(own);
        for (String n : List.of("charlie", "Alpha", "bravo")) {
            as(own).body("{\"displayName\":\"" + n + "\"}").post(own.base() + "/Groups").then().statusCode(201);
        }
        as(own).queryParam("sortBy", "displayName").get(own.base() + "/Groups")
                .then().body("Resources.displayName", equalTo(List.of("Alpha", "bravo", "charlie")));
        as(own).queryParam("sortBy", "displayName").queryParam("sortOrder", "descending")
                .queryParam("startIndex", 2).queryParam("count", 1).get(own.base() + "/Groups")
                .then().body("totalResults", equalTo(3)).body("itemsPerPage", equalTo(1)).body("startIndex", equalTo(2))
                .body("Resources.displayName", equalTo(List.of("bravo")));
    }

    @Test
    void userGroupsAreComputedReadOnlyAndFilterable() {
        String a = user("member");
        String name = unique("Computed");
        String gid = createGroup(name, a).path("id");
        as(org).get(org.base() + "/Users/" + a).then().statusCode(200)
                .body("groups.value", equalTo(List.of(gid)))
                .body("groups[0].display", equalTo(name))
                .body("groups[0].$ref", endsWith(org.base() + "/Groups/" + gid));
        as(org).queryParam("filter", "groups.value eq \"" + gid + "\"").get(org.base() + "/Users")
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(a))
                .body("Resources[0].groups.display", equalTo(List.of(name)));
        // groups is read-only on a User: by path it is refused, in a body it is ignored
        as(org).body("{\"Operations\":[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"" + gid + "\"}]}]}")
                .patch(org.base() + "/Users/" + a).then().statusCode(400).body("scimType", equalTo("mutability"));
        String b = as(org).body("{\"userName\":\"" + unique("nogroups") + "\",\"groups\":[{\"value\":\"" + gid + "\"}]}")
                .post(org.base() + "/Users").then().statusCode(201).body("groups", nullValue()).extract().path("id");
        assertEquals(List.of(a), memberIds(gid));
        as(org).queryParam("excludedAttributes", "groups").get(org.base() + "/Users/" + a)
                .then().body("$", not(hasKey("groups")));
        as(org).get(org.base() + "/Users/" + b).then().body("$", not(hasKey("groups")));
    }

    @Test
    void deletingAUserRemovesItFromItsGroupsAndDeletingAGroupKeepsItsUsers() {
        String a = user("leaver");
        String b = user("stayer");
        String gid = createGroup(unique("Leaving"), a, b).path("id");
        as(org).delete(org.base() + "/Users/" + a).then().statusCode(204);
        as(org).get(groups() + "/" + gid).then().statusCode(200).header("ETag", equalTo("W/\"2\""))
                .body("members.value", equalTo(List.of(b)));
        as(org).header("If-Match", "W/\"1\"").delete(groups() + "/" + gid).then().statusCode(412);
        as(org).delete(groups() + "/" + gid).then().statusCode(204);
        as(org).get(groups() + "/" + gid).then().statusCode(404).body("schemas", hasItem(ERROR));
        as(org).get(org.base() + "/Users/" + b).then().statusCode(200).body("$", not(hasKey("groups")));
        as(org).delete(groups() + "/" + gid).then().statusCode(404);
    }

    @Test
    void aTokenOfAnotherOrgSeesNoGroups() {
        String gid = createGroup(unique("Private")).path("id");
        TestOrg other = TestOrgs.create("groups-spy");
        ScimApi.awaitOrg(other);
        as(other).get(groups() + "/" + gid).then().statusCode(404);
        as(other).get(other.base() + "/Groups/" + gid).then().statusCode(404);
        as(other).delete(other.base() + "/Groups/" + gid).then().statusCode(404);
        as(other).get(other.base() + "/Groups").then().statusCode(200).body("totalResults", equalTo(0));
        as(org).get(groups() + "/" + gid).then().statusCode(200);
    }
}
