package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Enterprise User extension over the real database: stored, returned, filterable, patchable. */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class EnterpriseUserTest {

    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static TestOrg org;

    @BeforeEach
    void org() {
        if (org == null) {
            org = TestOrgs.create("enterprise");
            ScimApi.awaitOrg(org);
        }
    }

    private static String users() {
        return org.base() + "/Users";
    }

    private static String create(String userName, String extension) {
        return as(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\"],"
                + "\"userName\":\"" + userName + "\",\"" + ENT + "\":" + extension + "}")
                .post(users()).then().statusCode(201).extract().path("id");
    }

    private static String patch(String id, String operations) {
        return as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                + operations + "}").patch(users() + "/" + id).then().statusCode(200).extract().asString();
    }

    @Test
    void storedReturnedAndFilterable() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String boss = create("boss-" + tag, "{\"employeeNumber\":\"B-" + tag + "\"}");
        String id = create("worker-" + tag, "{\"employeeNumber\":\"W-" + tag + "\",\"costCenter\":\"CC-7\","
                + "\"organization\":\"Hub\",\"division\":\"Platform\",\"department\":\"Identity-" + tag + "\","
                + "\"manager\":{\"value\":\"" + boss + "\"}}");
        as(org).get(users() + "/" + id).then().statusCode(200)
                .body("schemas", hasItem(ENT))
                .body("'" + ENT + "'.employeeNumber", equalTo("W-" + tag))
                .body("'" + ENT + "'.costCenter", equalTo("CC-7"))
                .body("'" + ENT + "'.organization", equalTo("Hub"))
                .body("'" + ENT + "'.division", equalTo("Platform"))
                .body("'" + ENT + "'.department", equalTo("Identity-" + tag))
                .body("'" + ENT + "'.manager.value", equalTo(boss))
                .body("'" + ENT + "'.manager.$ref", endsWith(org.base() + "/Users/" + boss));
        // employeeNumber is not caseExact; manager.value is
        as(org).queryParam("filter", ENT + ":employeeNumber eq \"w-" + tag + "\"").get(users())
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        as(org).queryParam("filter", ENT + ":manager.value eq \"" + boss + "\"").get(users())
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        as(org).queryParam("filter", ENT + ":department eq \"identity-" + tag + "\" and userName sw \"worker\"")
                .get(users()).then().body("totalResults", equalTo(1));
        as(org).body("{\"filter\":\"" + ENT + ":employeeNumber sw \\\"B-" + tag + "\\\"\"}").post(users() + "/.search")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(boss));
        // projection by the extension's URN and by one of its attributes
        as(org).queryParam("attributes", ENT + ":costCenter").get(users() + "/" + id).then()
                .body("'" + ENT + "'.costCenter", equalTo("CC-7"))
                .body("'" + ENT + "'", not(hasKey("employeeNumber")))
                .body("$", not(hasKey("userName")));
        as(org).queryParam("excludedAttributes", ENT).get(users() + "/" + id).then().body("$", not(hasKey(ENT)));
        // a user without the extension does not show it
        as(org).get(users() + "/" + boss).then().body("'" + ENT + "'.employeeNumber", equalTo("B-" + tag));
    }

    @Test
    void entraPatchShapesAndPutClears() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String m1 = create("m1-" + tag, "{}");
        String m2 = create("m2-" + tag, "{}");
        String id = create("patched-" + tag, "{\"employeeNumber\":\"1\"}");
        // dotted keys in a path-less replace
        patch(id, "[{\"op\":\"Replace\",\"value\":{\"name.givenName\":\"K\",\"" + ENT + ":employeeNumber\":\"A-" + tag + "\"}}]");
        as(org).queryParam("filter", ENT + ":employeeNumber eq \"a-" + tag + "\"").get(users())
                .then().body("totalResults", equalTo(1)).body("Resources[0].name.givenName", equalTo("K"));
        // the three manager forms, and its removal with an empty value
        patch(id, "[{\"op\":\"Add\",\"path\":\"" + ENT + ":manager\",\"value\":{\"value\":\"" + m1 + "\"}}]");
        as(org).get(users() + "/" + id).then().body("'" + ENT + "'.manager.value", equalTo(m1));
        patch(id, "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager\",\"value\":[{\"value\":\"" + m2 + "\"}]}]");
        as(org).get(users() + "/" + id).then().body("'" + ENT + "'.manager.value", equalTo(m2));
        patch(id, "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager\",\"value\":\"" + m1 + "\"}]");
        as(org).queryParam("filter", ENT + ":manager.value eq \"" + m1 + "\"").get(users())
                .then().body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        String etag = as(org).get(users() + "/" + id).then().extract().header("ETag");
        // the same manager again: no change, same ETag
        patch(id, "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager\",\"value\":{\"value\":\"" + m1 + "\"}}]");
        as(org).get(users() + "/" + id).then().header("ETag", equalTo(etag));
        patch(id, "[{\"op\":\"Replace\",\"path\":\"" + ENT + ":manager\",\"value\":{\"value\":\"\"}}]");
        as(org).get(users() + "/" + id).then().body("'" + ENT + "'", not(hasKey("manager")))
                .body("'" + ENT + "'.employeeNumber", equalTo("A-" + tag));
        // an unknown extension attribute by path is refused, atomically
        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"" + ENT + ":department\",\"value\":\"D\"},"
                + "{\"op\":\"replace\",\"path\":\"" + ENT + ":badge\",\"value\":\"x\"}]}").patch(users() + "/" + id)
                .then().statusCode(400).body("scimType", equalTo("invalidPath"));
        as(org).get(users() + "/" + id).then().body("'" + ENT + "'", not(hasKey("department")));
        // PUT without the extension clears it
        as(org).body("{\"userName\":\"patched-" + tag + "\"}").put(users() + "/" + id).then().statusCode(200)
                .body("$", not(hasKey(ENT))).body("schemas", equalTo(List.of(
                        "urn:ietf:params:scim:schemas:core:2.0:User", "urn:hub:scim:schemas:extension:account:2.0:User")));
    }
}
