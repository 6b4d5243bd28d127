package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Users endpoints over the real database, as IdPs call them. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserResourceTest {

    private static final String EXT = "'urn:hub:scim:schemas:extension:account:2.0:User'";
    private static TestOrg org;

    // not @BeforeAll: RestAssured points at the application only around test methods
    @BeforeEach
    void org() {
        if (org == null) {
            org = TestOrgs.create("users");
            ScimApi.awaitOrg(org);
        }
    }

    private static String users() {
        return org.base() + "/Users";
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------ create

    @Test
    void createAnswers201WithLocationEtagAndDerivedUsername() {
        String userName = unique("ada.lovelace") + "@example.com";
        String local = userName.substring(0, userName.indexOf('@')).replace('.', '-');
        Response r = as(org).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id":"client-chosen","meta":{"version":"W/\\"99\\""},"groups":[{"value":"g1"}],
                 "externalId":"00u1","userName":"%s","password":"s3cret!pass",
                 "name":{"givenName":"Ada","familyName":"Lovelace","formatted":"Ada Lovelace"},
                 "displayName":"Ada","locale":"en-US",
                 "emails":[{"value":"%s","type":"work","primary":true}],"active":true}
                """.formatted(userName, userName))
                .post(users())
                .then().statusCode(201)
                .contentType(startsWith("application/scim+json"))
                .header("ETag", equalTo("W/\"1\""))
                .body("schemas", hasItem("urn:ietf:params:scim:schemas:core:2.0:User"))
                .body("schemas", hasItem("urn:hub:scim:schemas:extension:account:2.0:User"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("id", not(equalTo("client-chosen")))
                .body("userName", equalTo(userName))
                .body("externalId", equalTo("00u1"))
                .body("name.givenName", equalTo("Ada"))
                .body("name.familyName", equalTo("Lovelace"))
                .body("name.formatted", equalTo("Ada Lovelace"))
                .body("displayName", equalTo("Ada"))
                .body("emails[0].value", equalTo(userName))
                .body("emails[0].type", equalTo("work"))
                .body("emails[0].primary", equalTo(true))
                .body("active", equalTo(true))
                .body(EXT + ".username", equalTo(local + "-" + org.shortCode()))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("groups")))
                .body("meta.resourceType", equalTo("User"))
                .body("meta.version", equalTo("W/\"1\""))
                .body("meta.created", notNullValue())
                .body("meta.lastModified", notNullValue())
                .extract().response();
        String id = r.path("id");
        String location = r.header("Location");
        assertEquals(r.path("meta.location"), location);
        assertEquals(true, location.matches("http://[^/]+(:\\d+)?" + users() + "/" + id), location);
        assertEquals(false, r.asString().contains("s3cret"), "password must never be returned");
    }

    @Test
    void createAcceptsPlainJsonAndStringBooleans() {
        String userName = unique("plain");
        as(org).contentType("application/json").body("""
                {"userName":"%s","active":"False","emails":[{"value":"p@example.com","primary":"true"}]}
                """.formatted(userName))
                .post(users())
                .then().statusCode(201)
                .body("active", equalTo(false))
                .body("emails[0].primary", equalTo(true));
    }

    @Test
    void createWithoutUserNameIsInvalidValue() {
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"x\"}")
                .post(users())
                .then().statusCode(400)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("400"))
                .body("scimType", equalTo("invalidValue"));
    }

    @Test
    void userNameWithoutLetterOrDigitCannotFormAUsernameAndIsInvalidValue() {
        as(org).body(userBody("___@example.com")).post(users())
                .then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("hub username"));
    }

    @Test
    void duplicateUserNameIsAConflictCaseInsensitively() {
        String userName = unique("Grace.Hopper");
        createUser(org, userBody(userName));
        as(org).body(userBody(userName.toUpperCase())).post(users())
                .then().statusCode(409)
                .contentType(startsWith("application/scim+json"))
                .body("status", equalTo("409"))
                .body("scimType", equalTo("uniqueness"));
    }

    @Test
    void userNamesThatDeriveTheSameHubUsernameConflict() {
        String base = unique("john");
        createUser(org, userBody(base + ".doe"));
        // john.doe and john_doe both become john-doe-<shortCode>
        as(org).body(userBody(base + "_doe")).post(users())
                .then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", containsString(base + "-doe-" + org.shortCode()));
    }

    @Test
    void malformedJsonIsInvalidSyntaxNotProblemJson() {
        as(org).body("{\"userName\": ").post(users())
                .then().statusCode(400)
                .contentType(startsWith("application/scim+json"))
                .body("scimType", equalTo("invalidSyntax"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body(not(containsString("at dev.hubsso")));
        as(org).body("[1,2]").post(users()).then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        as(org).body("{\"userName\":{\"x\":1}}").post(users()).then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
    }

    // ------------------------------------------------------------------ get / list

    @Test
    void getReturnsTheUserWithItsEtag() {
        String id = createUser(org, userBody(unique("get"))).path("id");
        as(org).get(users() + "/" + id)
                .then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(id))
                .body("meta.location", endsWith(users() + "/" + id));
    }

    @Test
    void getOfAnUnknownIdIs404ScimError() {
        as(org).get(users() + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/scim+json"))
                .body("status", equalTo("404"));
        as(org).get(users() + "/not-a-uuid").then().statusCode(404).body("status", equalTo("404"));
    }

    @Test
    void filterUserNameEqFindsTheUserCaseInsensitively() {
        String userName = unique("okta.check") + "@example.com";
        String id = createUser(org, userBody(userName)).path("id");
        as(org).queryParam("filter", "userName eq \"" + userName.toUpperCase() + "\"")
                .queryParam("startIndex", "1").queryParam("count", "100")
                .get(users())
                .then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(1))
                .body("startIndex", equalTo(1))
                .body("itemsPerPage", equalTo(1))
                .body("Resources[0].id", equalTo(id))
                .body("Resources[0].userName", equalTo(userName));
    }

    @Test
    void filterExternalIdEqIsCaseExact() {
        String externalId = unique("Obj-");
        String id = createUser(org, """
                {"userName":"%s","externalId":"%s"}""".formatted(unique("ext"), externalId)).path("id");
        as(org).queryParam("filter", "externalId eq \"" + externalId + "\"").get(users())
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        as(org).queryParam("filter", "externalId eq \"" + externalId.toLowerCase() + "\"").get(users())
                .then().statusCode(200).body("totalResults", equalTo(0));
    }

    @Test
    void filterWithoutMatchIs200WithNoResults() {
        as(org).queryParam("filter", "userName eq \"" + UUID.randomUUID() + "\"").get(users())
                .then().statusCode(200)
                .body("totalResults", equalTo(0))
                .body("Resources.size()", equalTo(0));
    }

    @Test
    void unsupportedOrMalformedFiltersAreInvalidFilter() {
        for (String filter : new String[] {"ims.value eq \"a\"", "active gt true", "userName eq",
                "userName eq \"a\" and", "garbage", "userName eq \"unterminated"}) {
            as(org).queryParam("filter", filter).get(users())
                    .then().statusCode(400)
                    .contentType(startsWith("application/scim+json"))
                    .body("scimType", equalTo("invalidFilter"));
        }
    }

    @Test
    void listWithoutFilterPagesThroughTheOrgsUsers() {
        TestOrg own = TestOrgs.create("paging");
        ScimApi.awaitOrg(own);
        for (int i = 0; i < 3; i++) {
            createUser(own, userBody(unique("page" + i)));
        }
        as(own).queryParam("startIndex", "2").queryParam("count", "1").get(own.base() + "/Users")
                .then().statusCode(200)
                .body("totalResults", equalTo(3))
                .body("startIndex", equalTo(2))
                .body("itemsPerPage", equalTo(1));
        as(own).queryParam("count", "x").get(own.base() + "/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    // ------------------------------------------------------------------ patch

    private static Response patch(String id, String body) {
        return as(org).body(body).patch(users() + "/" + id);
    }

    @Test
    void patchStandardReplaceActive() {
        String id = createUser(org, userBody(unique("std"))).path("id");
        patch(id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""")
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("active", equalTo(false))
                .body("meta.version", equalTo("W/\"2\""));
        as(org).get(users() + "/" + id).then().body("active", equalTo(false)).header("ETag", equalTo("W/\"2\""));
    }

    @Test
    void patchOktaPathlessReplace() {
        String id = createUser(org, userBody(unique("okta"))).path("id");
        patch(id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""")
                .then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void patchEntraShapeWithCapitalisedOpAndStringBoolean() {
        String id = createUser(org, userBody(unique("entra"))).path("id");
        patch(id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""")
                .then().statusCode(200).body("active", equalTo(false));
        patch(id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"True"}]}""")
                .then().statusCode(200).body("active", equalTo(true)).header("ETag", equalTo("W/\"3\""));
    }

    @Test
    void patchEntraAttributeUpdates() {
        String id = createUser(org, "{\"userName\":\"" + unique("attrs") + "\"}").path("id");
        String renamed = unique("renamed.user");
        patch(id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[
                   {"op":"Add","path":"displayName","value":"Renamed User"},
                   {"op":"Replace","path":"name.givenName","value":"Re"},
                   {"op":"Replace","path":"name.familyName","value":"Named"},
                   {"op":"Replace","path":"externalId","value":"e-1"},
                   {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"re@example.com"},
                   {"op":"Replace","path":"userName","value":"%s"}]}""".formatted(renamed))
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("displayName", equalTo("Renamed User"))
                .body("name.givenName", equalTo("Re"))
                .body("name.familyName", equalTo("Named"))
                .body("externalId", equalTo("e-1"))
                .body("emails.size()", equalTo(1))
                .body("emails[0].value", equalTo("re@example.com"))
                .body("emails[0].type", equalTo("work"))
                .body("userName", equalTo(renamed))
                .body(EXT + ".username", equalTo(renamed.replace('.', '-') + "-" + org.shortCode()));
        // replacing the work email updates the entry instead of adding another
        patch(id, """
                {"Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new@example.com"}]}""")
                .then().statusCode(200)
                .body("emails.size()", equalTo(1))
                .body("emails[0].value", equalTo("new@example.com"));
    }

    @Test
    void patchRenameIntoATakenUserNameOrHubUsernameIsAConflictAndChangesNothing() {
        String taken = unique("taken.x");
        createUser(org, userBody(taken));
        String original = unique("mover");
        String id = createUser(org, userBody(original)).path("id");
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + taken.toUpperCase() + "\"}]}")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + taken.replace('.', '_') + "\"}]}")
                .then().statusCode(409).body("scimType", equalTo("uniqueness"));
        as(org).get(users() + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("userName", equalTo(original));
    }

    @Test
    void patchIsAtomicOneBadOperationChangesNothing() {
        String id = createUser(org, userBody(unique("atomic"))).path("id");
        patch(id, """
                {"Operations":[
                   {"op":"replace","path":"active","value":false},
                   {"op":"replace","path":"displayName","value":"Changed"},
                   {"op":"replace","path":"x509Certificates","value":"x"}]}""")
                .then().statusCode(400).body("scimType", equalTo("invalidPath"));
        as(org).get(users() + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("active", equalTo(true))
                .body("displayName", nullValue());
    }

    @Test
    void patchThatChangesNothingKeepsVersionEtagAndLastModified() {
        Response created = createUser(org, userBody(unique("noop")));
        String id = created.path("id");
        String lastModified = created.path("meta.lastModified");
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":true},"
                + "{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":\"Ada\"}]}")
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .body("meta.version", equalTo("W/\"1\""))
                .body("meta.lastModified", equalTo(lastModified));
    }

    @Test
    void patchErrors() {
        String id = createUser(org, userBody(unique("errors"))).path("id");
        patch(id, "{\"Operations\":[{\"op\":\"frobnicate\",\"path\":\"active\",\"value\":false}]}")
                .then().statusCode(400).contentType(startsWith("application/scim+json"))
                .body("scimType", equalTo("invalidSyntax"));
        patch(id, "{\"Operations\":[]}").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"bogus\",\"value\":1}]}")
                .then().statusCode(400).body("scimType", equalTo("invalidPath"));
        patch(id, "{\"Operations\":[{\"op\":\"remove\"}]}")
                .then().statusCode(400).body("scimType", equalTo("noTarget"));
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]}")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}")
                .then().statusCode(400).body("scimType", equalTo("mutability"));
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":"
                + "\"urn:hub:scim:schemas:extension:account:2.0:User:username\",\"value\":\"x\"}]}")
                .then().statusCode(400).body("scimType", equalTo("mutability"));
        patch(id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"!!!\"}]}")
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        patch(id, "not json").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        as(org).get(users() + "/" + id).then().header("ETag", equalTo("W/\"1\""));
        patch(UUID.randomUUID().toString(), "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .then().statusCode(404).body("status", equalTo("404"));
    }

    @Test
    void ifMatchMismatchIs412AndMatchApplies() {
        String id = createUser(org, userBody(unique("etag"))).path("id");
        String body = "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";
        as(org).header("If-Match", "W/\"7\"").body(body).patch(users() + "/" + id)
                .then().statusCode(412).contentType(startsWith("application/scim+json")).body("status", equalTo("412"));
        as(org).get(users() + "/" + id).then().body("active", equalTo(true));
        as(org).header("If-Match", "W/\"1\"").body(body).patch(users() + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("W/\"2\""));
    }

    // ------------------------------------------------------------------ delete

    @Test
    void deleteRemovesTheUserAndFreesItsUserName() {
        String userName = unique("gone");
        String id = createUser(org, userBody(userName)).path("id");
        as(org).header("If-Match", "W/\"5\"").delete(users() + "/" + id).then().statusCode(412);
        as(org).delete(users() + "/" + id).then().statusCode(204);
        as(org).get(users() + "/" + id).then().statusCode(404);
        as(org).delete(users() + "/" + id).then().statusCode(404);
        String again = createUser(org, userBody(userName)).path("id");
        assertNotEquals(id, again);
    }

    // ------------------------------------------------------------------ routes

    @Test
    void unknownRoutesUnderScimAreScimNotFound() {
        for (String path : new String[] {org.base() + "/Nope", "/scim/v2", "/scim/whatever/deep/path"}) {
            as(org).get(path).then().statusCode(404)
                    .contentType(startsWith("application/scim+json"))
                    .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo("404"));
        }
    }

    @Test
    void unsupportedMethodsAndMediaTypesAreScimErrors() {
        String id = createUser(org, userBody(unique("methods"))).path("id");
        as(org).body(userBody("x")).put(users()).then().statusCode(405)
                .contentType(startsWith("application/scim+json")).body("status", equalTo("405"));
        as(org).contentType("text/plain").body("userName=x").post(users()).then().statusCode(415)
                .contentType(startsWith("application/scim+json")).body("status", equalTo("415"));
    }

    @Test
    void routesOutsideScimKeepTheSuitesErrorFormat() {
        io.restassured.RestAssured.given().get("/not-scim/" + UUID.randomUUID())
                .then().statusCode(404).contentType(not(startsWith("application/scim+json")));
    }
}
