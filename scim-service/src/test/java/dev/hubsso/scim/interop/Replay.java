package dev.hubsso.scim.interop;

import static dev.hubsso.scim.support.ScimApi.as;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import dev.hubsso.events.EventCodec;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hamcrest.Matcher;

/** What the IdP replays share. */
final class Replay {

    /** A PATCH answer an IdP accepts: the resource, or no content (RFC 7644 §3.5.2). */
    static final Matcher<Integer> OK_OR_NO_CONTENT = anyOf(is(200), is(204));

    private Replay() {
    }

    /**
     * A filter encoded the way the IdPs put it on the wire: form encoding, so spaces become
     * {@code +} (Entra: {@code filter=userName+eq+%22x%22}). Okta's {@code %20} form is written
     * out literally in its test.
     */
    static String query(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    /** Creates a plain user and returns its id. */
    static String createUser(TestOrg org, String userName, String externalId) {
        String ext = externalId == null ? "" : "\"externalId\":\"" + externalId + "\",";
        return as(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]," + ext
                + "\"userName\":\"" + userName + "\",\"active\":true,"
                + "\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"" + userName.toLowerCase() + "@example.com\"}],"
                + "\"name\":{\"givenName\":\"given\",\"familyName\":\"family\"}}")
                .post(org.base() + "/Users").then().statusCode(201).extract().path("id");
    }

    static ScimUserChanged decodeUser(String json) {
        return EventCodec.decode(json, ScimUserChanged.class);
    }

    static ScimGroupChanged decodeGroup(String json) {
        return EventCodec.decode(json, ScimGroupChanged.class);
    }
}
