package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PATCH and PUT answer with the user's computed {@code groups}, read alongside the change (a
 * User's change never changes its groups); errors of the change still win.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserWriteResponseTest {

    private static final String DEACTIVATE = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"active","value":false}]}""";

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void patchAndPutReturnTheGroupsAndTheirErrors() {
        TestOrg org = TestOrgs.create("write-response");
        ScimApi.awaitOrg(org);
        String users = org.base() + "/Users";
        String id = createUser(org, userBody(unique("w") + "@example.com")).path("id");
        String loner = createUser(org, userBody(unique("l") + "@example.com")).path("id");
        String team = unique("Team");
        String groupId = as(org).body("{\"displayName\":\"" + team + "\",\"members\":[{\"value\":\"" + id + "\"}]}")
                .post(org.base() + "/Groups").then().statusCode(201).extract().path("id");

        as(org).body(DEACTIVATE).patch(users + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("active", equalTo(false))
                .body("groups.value", contains(groupId))
                .body("groups.display", contains(team));
        as(org).body(DEACTIVATE).patch(users + "/" + loner).then().statusCode(200).body("$", not(hasKey("groups")));
        as(org).queryParam("excludedAttributes", "groups").body(DEACTIVATE.replace("false", "true"))
                .patch(users + "/" + id).then().statusCode(200).body("active", equalTo(true))
                .body("$", not(hasKey("groups")));
        String userName = as(org).get(users + "/" + id).then().extract().path("userName");
        as(org).body("{\"userName\":\"" + userName + "\",\"displayName\":\"Renamed\"}").put(users + "/" + id)
                .then().statusCode(200).body("displayName", equalTo("Renamed")).body("groups.value", contains(groupId));

        // the change's errors, not the groups read, decide the response
        as(org).body(DEACTIVATE).patch(users + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("status", equalTo("404"));
        as(org).header("If-Match", "W/\"1\"").body(DEACTIVATE).patch(users + "/" + id).then().statusCode(412);
        as(org).body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"nope\",\"value\":1}]}").patch(users + "/" + id)
                .then().statusCode(400);
    }
}
