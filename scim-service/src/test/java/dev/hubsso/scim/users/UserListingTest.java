package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing and reading Users: full filters, .search, paging, sorting, attributes, If-None-Match, PUT. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserListingTest {

    private static TestOrg org;
    private static final List<String> IDS = new ArrayList<>();

    @BeforeEach
    void org() {
        if (org != null) {
            return;
        }
        org = TestOrgs.create("listing");
        ScimApi.awaitOrg(org);
        String[][] people = {
                {"carol@example.com", "Carol", "Zeta", "work", "true", "E3"},
                {"alice@example.com", "Alice", "Young", "work", "true", "E1"},
                {"bob@other.org", "Bob", "Xavier", "home", "false", "E2"},
                {"dave@example.com", "Dave", "Wolf", "work", "true", "E4"},
                {"erin@example.com", "Erin", "Vance", "work", "true", "E5"}};
        for (String[] p : people) {
            IDS.add(createUser(org, """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"%s",
                     "name":{"givenName":"%s","familyName":"%s"},"displayName":"%s %s",
                     "emails":[{"value":"%s","type":"%s","primary":true}],"active":%s}
                    """.formatted(p[0], p[5], p[1], p[2], p[1], p[2], p[0], p[3], p[4])).path("id"));
        }
    }

    private static String users() {
        return org.base() + "/Users";
    }

    @Test
    void fullFilterGrammarOverHttp() {
        as(org).queryParam("filter", "emails[type eq \"work\" and value ew \"@example.com\"] and not (active eq false)")
                .queryParam("sortBy", "userName")
                .get(users()).then().statusCode(200)
                .body("totalResults", equalTo(4))
                .body("Resources.userName", contains("alice@example.com", "carol@example.com", "dave@example.com",
                        "erin@example.com"));
        // deactivated users stay visible to filters
        as(org).queryParam("filter", "active eq \"False\"").get(users()).then().statusCode(200)
                .body("Resources.userName", contains("bob@other.org"));
        as(org).queryParam("filter", "emails[type eq \"work\"].value eq \"DAVE@example.com\"").get(users())
                .then().statusCode(200).body("Resources.userName", contains("dave@example.com"));
    }

    @Test
    void plusInTheQueryStringIsASpace() {
        RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + org.token())
                .get(users() + "?filter=userName+eq+%22alice@example.com%22")
                .then().statusCode(200).body("totalResults", equalTo(1));
    }

    @Test
    void searchEndpointTakesASearchRequest() {
        as(org).body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"name.familyName sw \\"v\\" or name.familyName sw \\"w\\"",
                 "sortBy":"name.familyName","sortOrder":"descending","startIndex":1,"count":10,
                 "attributes":["userName"]}
                """).post(users() + "/.search").then().statusCode(200)
                .body("totalResults", equalTo(2))
                .body("Resources.userName", contains("dave@example.com", "erin@example.com"))
                .body("Resources[0]", hasKey("id"))
                .body("Resources[0]", not(hasKey("emails")));
        as(org).body("{\"filter\":\"userName eq\"}").post(users() + "/.search").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
        as(org).body("{\"filter\":\"userName eq \\\"nobody\\\"\"}").post(users() + "/.search").then().statusCode(200)
                .body("totalResults", equalTo(0));
    }

    @Test
    void pagingIsStableAndFollowsTheRules() {
        List<String> seen = new ArrayList<>();
        for (int start = 1; start <= 5; start += 2) {
            seen.addAll(as(org).queryParam("startIndex", start).queryParam("count", 2).queryParam("sortBy", "active")
                    .get(users()).then().statusCode(200).body("totalResults", equalTo(5))
                    .extract().path("Resources.id"));
        }
        assertEquals(5, seen.size());
        assertEquals(5, seen.stream().distinct().count(), "no user on two pages");
        as(org).queryParam("startIndex", "0").queryParam("count", "-3").get(users()).then().statusCode(200)
                .body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(0)).body("totalResults", equalTo(5));
        as(org).queryParam("count", "100000").get(users()).then().statusCode(200).body("itemsPerPage", equalTo(5));
        as(org).queryParam("startIndex", "99").get(users()).then().statusCode(200)
                .body("itemsPerPage", equalTo(0)).body("totalResults", equalTo(5));
        as(org).queryParam("sortBy", "name.familyName").get(users()).then().statusCode(200)
                .body("Resources.name.familyName", contains("Vance", "Wolf", "Xavier", "Young", "Zeta"));
        as(org).queryParam("sortBy", "nope").get(users()).then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    void attributesAndExcludedAttributesOnEveryResponse() {
        String id = IDS.get(0);
        as(org).queryParam("attributes", "userName,name.givenName,urn:hub:scim:schemas:extension:account:2.0:User:username")
                .get(users() + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("userName", equalTo("carol@example.com"))
                .body("name.givenName", equalTo("Carol"))
                .body("name", not(hasKey("familyName")))
                .body("$", not(hasKey("emails")))
                .body("$", not(hasKey("meta")))
                .body("'urn:hub:scim:schemas:extension:account:2.0:User'", hasKey("username"));
        as(org).queryParam("excludedAttributes", "emails,meta,id").get(users() + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("$", not(hasKey("emails")))
                .body("$", not(hasKey("meta")))
                .body("userName", equalTo("carol@example.com"));
        as(org).queryParam("attributes", "active").body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"C Z\"}]}")
                .patch(users() + "/" + id).then().statusCode(200)
                .body("active", equalTo(true)).body("$", not(hasKey("userName"))).body("id", equalTo(id));
        as(org).queryParam("attributes", "userName").body(ScimApi.userBody("attr-create@example.com")).post(users())
                .then().statusCode(201).body("$", not(hasKey("emails"))).body("userName", equalTo("attr-create@example.com"));
    }

    @Test
    void ifNoneMatchAnswers304() {
        String id = IDS.get(3);
        String etag = as(org).get(users() + "/" + id).then().statusCode(200).extract().header("ETag");
        as(org).header("If-None-Match", etag).get(users() + "/" + id).then().statusCode(304);
        as(org).header("If-None-Match", "W/\"999\"").get(users() + "/" + id).then().statusCode(200);
    }

    @Test
    void putReplacesButNeverCreatesAndOmittedActiveKeepsItsValue() {
        String userName = "put-" + System.nanoTime() + "@example.com";
        String id = createUser(org, ScimApi.userBody(userName)).path("id");
        as(org).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"New"},"emails":[{"value":"new@example.com","type":"work"}]}
                """.formatted(id, userName)).put(users() + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("active", equalTo(true))
                .body("name.givenName", equalTo("New"))
                .body("name.familyName", nullValue())
                .body("emails[0].value", equalTo("new@example.com"));
        as(org).body("{\"userName\":\"%s\",\"active\":false}".formatted(userName)).put(users() + "/" + id)
                .then().statusCode(200).body("active", equalTo(false));
        as(org).body("{\"userName\":\"%s\"}".formatted(userName)).put(users() + "/" + id)
                .then().statusCode(200).body("active", equalTo(false));
        as(org).header("If-Match", "W/\"1\"").body("{\"userName\":\"%s\"}".formatted(userName)).put(users() + "/" + id)
                .then().statusCode(412);
        as(org).body("{\"userName\":\"ghost@example.com\"}").put(users() + "/00000000-0000-4000-8000-00000000dead")
                .then().statusCode(404);
    }
}
