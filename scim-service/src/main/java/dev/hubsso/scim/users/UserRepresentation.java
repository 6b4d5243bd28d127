package dev.hubsso.scim.users;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.patch.AttributePath;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Email;
import java.util.List;

/** The SCIM JSON of a User (RFC 7643 §4.1) and of a list response (RFC 7644 §3.4.2). */
public final class UserRepresentation {

    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private UserRepresentation() {
    }

    /**
     * The User resource. {@code password} is never part of it.
     *
     * @param location the absolute URL of the resource
     */
    public static ObjectNode toJson(StoredUser s, String location) {
        ScimUser u = s.user();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ArrayNode schemas = n.putArray("schemas");
        schemas.add(AttributePath.CORE_USER_SCHEMA);
        schemas.add(AttributePath.HUB_ACCOUNT_SCHEMA);
        n.put("id", s.id().toString());
        if (u.externalId() != null) {
            n.put("externalId", u.externalId());
        }
        n.put("userName", u.userName());
        if (u.givenName() != null || u.familyName() != null || u.formattedName() != null) {
            ObjectNode name = n.putObject("name");
            putIfSet(name, "formatted", u.formattedName());
            putIfSet(name, "familyName", u.familyName());
            putIfSet(name, "givenName", u.givenName());
        }
        putIfSet(n, "displayName", u.displayName());
        if (!u.emails().isEmpty()) {
            ArrayNode emails = n.putArray("emails");
            for (Email e : u.emails()) {
                ObjectNode en = emails.addObject();
                en.put("value", e.value());
                putIfSet(en, "type", e.type());
                en.put("primary", e.primary());
            }
        }
        n.put("active", u.active());
        n.putObject(AttributePath.HUB_ACCOUNT_SCHEMA).put("username", s.hubUsername());
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", s.created().toString());
        meta.put("lastModified", s.lastModified().toString());
        meta.put("location", location);
        meta.put("version", s.etag());
        return n;
    }

    /** A list response page. */
    public static ObjectNode list(long totalResults, int startIndex, List<ObjectNode> resources) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("schemas").add(LIST_RESPONSE);
        n.put("totalResults", totalResults);
        n.put("startIndex", startIndex);
        n.put("itemsPerPage", resources.size());
        ArrayNode array = n.putArray("Resources");
        resources.forEach(array::add);
        return n;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
