package dev.hubsso.scim.groups;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.groups.GroupRepository.Member;
import dev.hubsso.scim.schema.ScimSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SCIM JSON of a Group (RFC 7643 §4.2). */
public final class GroupRepresentation {

    private GroupRepresentation() {
    }

    /**
     * The Group resource.
     *
     * @param base the organization's absolute SCIM base URL (members' {@code $ref}, {@code meta.location})
     * @param displays the members' display names, by id; a member without one is shown without
     */
    public static ObjectNode toJson(StoredGroup g, String base, List<Member> displays) {
        Map<UUID, String> names = new HashMap<>();
        for (Member m : displays) {
            names.put(m.id(), m.display());
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("schemas").add(ScimSchemas.CORE_GROUP);
        n.put("id", g.id().toString());
        if (g.group().externalId() != null) {
            n.put("externalId", g.group().externalId());
        }
        n.put("displayName", g.group().displayName());
        if (!g.group().members().isEmpty()) {
            ArrayNode members = n.putArray("members");
            for (UUID id : g.group().members()) {
                ObjectNode m = members.addObject();
                m.put("value", id.toString());
                m.put("$ref", base + "/Users/" + id);
                String display = names.get(id);
                if (display != null) {
                    m.put("display", display);
                }
                m.put("type", "User");
            }
        }
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", g.created().toString());
        meta.put("lastModified", g.lastModified().toString());
        meta.put("location", base + "/Groups/" + g.id());
        meta.put("version", g.etag());
        return n;
    }
}
