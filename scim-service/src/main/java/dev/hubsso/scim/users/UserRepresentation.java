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
        return toJson(s, location, List.of());
    }

    /**
     * A group of which a user is a member, as its computed {@code groups} attribute shows it.
     *
     * @param id the Group's id
     * @param display the Group's displayName
     */
    public record GroupRef(java.util.UUID id, String display) {
    }

    /**
     * The User resource with its read-only {@code groups} (omitted when empty).
     *
     * @param location the absolute URL of the resource ({@code .../Users/{id}}); the groups'
     *     {@code $ref} are its siblings
     */
    public static ObjectNode toJson(StoredUser s, String location, List<GroupRef> groups) {
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
        u.profile().writeTo(n);
        n.put("active", u.active());
        if (!groups.isEmpty()) {
            String base = location.substring(0, location.lastIndexOf("/Users/"));
            ArrayNode array = n.putArray("groups");
            for (GroupRef g : groups) {
                ObjectNode gn = array.addObject();
                gn.put("value", g.id().toString());
                gn.put("$ref", base + "/Groups/" + g.id());
                putIfSet(gn, "display", g.display());
                gn.put("type", "direct");
            }
        }
        ScimUser.Enterprise ent = u.enterprise();
        if (!ent.isEmpty()) {
            schemas.insert(1, ScimUser.ENTERPRISE);
            ObjectNode e = n.putObject(ScimUser.ENTERPRISE);
            putIfSet(e, "employeeNumber", ent.employeeNumber());
            putIfSet(e, "costCenter", ent.costCenter());
            putIfSet(e, "organization", ent.organization());
            putIfSet(e, "division", ent.division());
            putIfSet(e, "department", ent.department());
            if (ent.managerId() != null) {
                ObjectNode manager = e.putObject("manager");
                manager.put("value", ent.managerId());
                manager.put("$ref", location.substring(0, location.lastIndexOf('/') + 1)
                        + java.net.URLEncoder.encode(ent.managerId(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
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
