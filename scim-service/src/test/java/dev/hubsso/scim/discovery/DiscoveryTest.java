package dev.hubsso.scim.discovery;

import static dev.hubsso.scim.support.ScimApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The discovery endpoints of RFC 7644 §4 and /Me, as an IdP's connection test reads them; /Bulk is advertised. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class DiscoveryTest {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String HUB = "urn:hub:scim:schemas:extension:account:2.0:User";
    private static TestOrg org;

    @BeforeEach
    void org() {
        if (org == null) {
            org = TestOrgs.create("disco");
            ScimApi.awaitOrg(org);
        }
    }

    @Test
    void serviceProviderConfigAdvertisesExactlyWhatIsImplemented() {
        as(org).get(org.base() + "/ServiceProviderConfig")
                .then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")))
                .body("patch.supported", equalTo(true))
                .body("bulk.supported", equalTo(true))
                .body("bulk.maxOperations", equalTo(1000))
                .body("bulk.maxPayloadSize", equalTo(1048576))
                .body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(100))
                .body("changePassword.supported", equalTo(false))
                .body("sort.supported", equalTo(true))
                .body("etag.supported", equalTo(true))
                .body("authenticationSchemes.type", equalTo(List.of("oauthbearertoken")))
                .body("meta.resourceType", equalTo("ServiceProviderConfig"))
                .body("meta.location", startsWith("http"))
                .body("meta.location", endsWith(org.base() + "/ServiceProviderConfig"));
    }

    @Test
    void resourceTypesListUsersAndGroupsWithTheirSchemas() {
        as(org).get(org.base() + "/ResourceTypes")
                .then().statusCode(200)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(2))
                .body("Resources.name", containsInAnyOrder("User", "Group"))
                .body("Resources.find { it.name == 'User' }.endpoint", equalTo("/Users"))
                .body("Resources.find { it.name == 'User' }.schema", equalTo(CORE_USER))
                .body("Resources.find { it.name == 'User' }.schemaExtensions.schema", hasItem(HUB))
                .body("Resources.find { it.name == 'User' }.schemaExtensions.schema",
                        hasItem("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
                .body("Resources.find { it.name == 'Group' }.endpoint", equalTo("/Groups"))
                .body("Resources.find { it.name == 'Group' }.schema", equalTo(CORE_GROUP));
        as(org).get(org.base() + "/ResourceTypes/User")
                .then().statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:schemas:core:2.0:ResourceType"))
                .body("id", equalTo("User"))
                .body("meta.location", endsWith(org.base() + "/ResourceTypes/User"));
        as(org).get(org.base() + "/ResourceTypes/Group").then().statusCode(200).body("endpoint", equalTo("/Groups"));
        as(org).get(org.base() + "/ResourceTypes/Printer")
                .then().statusCode(404).body("schemas", hasItem(ERROR)).body("status", equalTo("404"));
    }

    @Test
    void schemasDescribeEveryAttributeAsTheServiceTreatsIt() {
        as(org).get(org.base() + "/Schemas")
                .then().statusCode(200)
                .body("Resources.id", hasItem(CORE_USER))
                .body("Resources.id", hasItem(CORE_GROUP))
                .body("Resources.id", hasItem(HUB))
                .body("Resources.id", hasItem("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        JsonPath user = as(org).get(org.base() + "/Schemas/" + CORE_USER).then().statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:schemas:core:2.0:Schema"))
                .body("meta.location", endsWith("/Schemas/" + CORE_USER))
                .extract().jsonPath();
        Map<String, Object> userName = user.getMap("attributes.find { it.name == 'userName' }");
        assertEquals(true, userName.get("required"));
        assertEquals(false, userName.get("caseExact"));
        assertEquals("server", userName.get("uniqueness"));
        assertEquals("readWrite", userName.get("mutability"));
        Map<String, Object> password = user.getMap("attributes.find { it.name == 'password' }");
        assertEquals("never", password.get("returned"));
        assertEquals("writeOnly", password.get("mutability"));
        assertEquals("boolean", user.getString("attributes.find { it.name == 'active' }.type"));
        assertEquals(List.of("value", "type", "primary"),
                user.getList("attributes.find { it.name == 'emails' }.subAttributes.name"));
        as(org).get(org.base() + "/Schemas/" + HUB).then().statusCode(200)
                .body("attributes.find { it.name == 'username' }.mutability", equalTo("readOnly"));
        as(org).get(org.base() + "/Schemas/urn:example:params:scim:schemas:nothing").then().statusCode(404)
                .body("schemas", hasItem(ERROR));
    }

    /**
     * What /Schemas advertises is what the service serves: every attribute (and sub-attribute) of
     * every schema of every resource type is a valid filter on that resource type's endpoint,
     * except those never returned (password) and references ($ref).
     */
    @Test
    void everyAdvertisedAttributeIsFilterableOnItsEndpoint() {
        List<Map<String, Object>> types = as(org).get(org.base() + "/ResourceTypes").then().extract().path("Resources");
        int checked = 0;
        for (Map<String, Object> type : types) {
            String endpoint = org.base() + type.get("endpoint");
            List<String> schemaIds = new java.util.ArrayList<>();
            schemaIds.add((String) type.get("schema"));
            Object ext = type.get("schemaExtensions");
            if (ext != null) {
                for (Object e : (List<?>) ext) {
                    schemaIds.add((String) ((Map<?, ?>) e).get("schema"));
                }
            }
            for (String schemaId : schemaIds) {
                boolean core = schemaId.startsWith("urn:ietf:params:scim:schemas:core:");
                List<Map<String, Object>> attributes = as(org).get(org.base() + "/Schemas/" + schemaId).then()
                        .statusCode(200).extract().path("attributes");
                for (Map<String, Object> a : attributes) {
                    String name = (core ? "" : schemaId + ":") + a.get("name");
                    List<String> paths = new java.util.ArrayList<>();
                    if (a.get("subAttributes") == null) {
                        paths.add(name);
                    } else {
                        for (Object sub : (List<?>) a.get("subAttributes")) {
                            Map<?, ?> s = (Map<?, ?>) sub;
                            if (!"reference".equals(s.get("type"))) {
                                paths.add(name + "." + s.get("name"));
                            }
                        }
                    }
                    for (String path : paths) {
                        int expected = "never".equals(a.get("returned")) ? 400 : 200;
                        as(org).queryParam("filter", path + " pr").get(endpoint).then()
                                .statusCode(expected);
                        checked++;
                    }
                }
            }
        }
        // User: userName, name x3, displayName, password, active, emails x3, groups x3, hub username;
        // Group: displayName, members x3
        assertEquals(true, checked >= 18, "checked " + checked);
    }

    @Test
    void discoveryIsReadOnly405() {
        as(org).body("{}").post(org.base() + "/ServiceProviderConfig")
                .then().statusCode(405)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem(ERROR))
                .body("status", equalTo("405"));
        as(org).body("{}").put(org.base() + "/Schemas").then().statusCode(405).body("status", equalTo("405"));
        as(org).delete(org.base() + "/ResourceTypes/User").then().statusCode(405).body("status", equalTo("405"));
        as(org).body("{}").patch(org.base() + "/Schemas/" + CORE_USER).then().statusCode(405);
        // the discovery routes do not shadow the resources' own 405s
        as(org).body("{}").put(org.base() + "/Groups").then().statusCode(405).body("status", equalTo("405"));
        as(org).body("{}").delete(org.base() + "/Users").then().statusCode(405);
    }

    @Test
    void meIs501ButBulkIsServedForAnAuthenticatedCaller() {
        as(org).get(org.base() + "/Me")
                .then().statusCode(501)
                .contentType(startsWith("application/scim+json"))
                .body("schemas", hasItem(ERROR))
                .body("status", equalTo("501"));
        as(org).body("{}").post(org.base() + "/Me").then().statusCode(501);
        // advertised as supported, so answered (the operations themselves: BulkResourceTest)
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[]}")
                .post(org.base() + "/Bulk")
                .then().statusCode(200)
                .body("schemas", equalTo(List.of("urn:ietf:params:scim:api:messages:2.0:BulkResponse")));
    }

    @Test
    void discoveryNeedsTheOrgsToken() {
        given().get(org.base() + "/ServiceProviderConfig")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().get(org.base() + "/Me").then().statusCode(401);
        TestOrg other = TestOrgs.create("disco-other");
        ScimApi.awaitOrg(other);
        as(other).get(org.base() + "/Schemas").then().statusCode(404).body(not(equalTo("")));
        as(other).get(org.base() + "/ServiceProviderConfig").then().statusCode(404);
        as(other).get(org.base() + "/Me").then().statusCode(404);
    }
}
