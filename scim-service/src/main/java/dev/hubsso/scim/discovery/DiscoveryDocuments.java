package dev.hubsso.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.schema.AttributeDef;
import dev.hubsso.scim.schema.ResourceSchema;
import dev.hubsso.scim.schema.SchemaDef;
import dev.hubsso.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents of RFC 7644 §4 / RFC 7643 §5-§7, built from {@link ScimSchemas}: the
 * same definitions the filter, PATCH and projection code read, so what is advertised is what is
 * implemented. Framework-free.
 */
public final class DiscoveryDocuments {

    public static final String SERVICE_PROVIDER_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    /** The resource types served, in the order they are listed. */
    public static final List<ResourceSchema> RESOURCE_TYPES = List.of(ScimSchemas.USERS, ScimSchemas.GROUPS);

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DiscoveryDocuments() {
    }

    /**
     * {@code /ServiceProviderConfig}: PATCH, bulk (with its limits), filtering (at most
     * {@code maxResults} per page), sorting and ETags are supported; password change is not.
     *
     * @param base the organization's absolute SCIM base URL
     * @param maxOperations the most operations of a bulk request
     * @param maxPayloadSize the largest request body, in bytes
     */
    public static ObjectNode serviceProviderConfig(String base, int maxResults, int maxOperations, int maxPayloadSize) {
        ObjectNode n = F.objectNode();
        n.putArray("schemas").add(SERVICE_PROVIDER_CONFIG_SCHEMA);
        n.putObject("patch").put("supported", true);
        ObjectNode bulk = n.putObject("bulk");
        bulk.put("supported", true);
        bulk.put("maxOperations", maxOperations);
        bulk.put("maxPayloadSize", maxPayloadSize);
        ObjectNode filter = n.putObject("filter");
        filter.put("supported", true);
        filter.put("maxResults", maxResults);
        n.putObject("changePassword").put("supported", false);
        n.putObject("sort").put("supported", true);
        n.putObject("etag").put("supported", true);
        ObjectNode bearer = n.putArray("authenticationSchemes").addObject();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "OAuth Bearer Token");
        bearer.put("description", "The organization's SCIM token in an Authorization: Bearer header.");
        bearer.put("specUri", "https://www.rfc-editor.org/info/rfc6750");
        bearer.put("primary", true);
        meta(n, "ServiceProviderConfig", base + "/ServiceProviderConfig");
        return n;
    }

    /** The ResourceType of {@code type} (RFC 7643 §6). */
    public static ObjectNode resourceType(ResourceSchema type, String base) {
        ObjectNode n = F.objectNode();
        n.putArray("schemas").add(RESOURCE_TYPE_SCHEMA);
        n.put("id", type.name());
        n.put("name", type.name());
        n.put("endpoint", type.endpoint());
        n.put("description", type.core().description());
        n.put("schema", type.core().id());
        if (!type.extensions().isEmpty()) {
            ArrayNode ext = n.putArray("schemaExtensions");
            for (SchemaDef s : type.extensions()) {
                ext.addObject().put("schema", s.id()).put("required", false);
            }
        }
        meta(n, "ResourceType", base + "/ResourceTypes/" + type.name());
        return n;
    }

    /** Every schema a served resource type uses, core schemas first, each once. */
    public static List<SchemaDef> schemas() {
        Map<String, SchemaDef> byId = new LinkedHashMap<>();
        for (ResourceSchema t : RESOURCE_TYPES) {
            byId.putIfAbsent(t.core().id(), t.core());
        }
        for (ResourceSchema t : RESOURCE_TYPES) {
            for (SchemaDef s : t.extensions()) {
                byId.putIfAbsent(s.id(), s);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** The resource type with this name (case-insensitive), or null. */
    public static ResourceSchema resourceType(String name) {
        for (ResourceSchema t : RESOURCE_TYPES) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    /** The served schema with this URN (case-insensitive), or null. */
    public static SchemaDef schema(String urn) {
        for (SchemaDef s : schemas()) {
            if (s.id().equalsIgnoreCase(urn)) {
                return s;
            }
        }
        return null;
    }

    /** The Schema resource of {@code schema} (RFC 7643 §7). */
    public static ObjectNode schema(SchemaDef schema, String base) {
        ObjectNode n = F.objectNode();
        n.putArray("schemas").add(SCHEMA_SCHEMA);
        n.put("id", schema.id());
        n.put("name", schema.name());
        n.put("description", schema.description());
        ArrayNode attributes = n.putArray("attributes");
        for (AttributeDef a : schema.attributes()) {
            attributes.add(attribute(a, null));
        }
        meta(n, "Schema", base + "/Schemas/" + schema.id());
        return n;
    }

    /** A list response with every item on one page. */
    public static ObjectNode list(List<ObjectNode> resources) {
        ObjectNode n = F.objectNode();
        n.putArray("schemas").add(LIST_RESPONSE);
        n.put("totalResults", resources.size());
        n.put("itemsPerPage", resources.size());
        n.put("startIndex", 1);
        ArrayNode array = n.putArray("Resources");
        resources.forEach(array::add);
        return n;
    }

    private static ObjectNode attribute(AttributeDef a, AttributeDef parent) {
        ObjectNode n = F.objectNode();
        n.put("name", a.name());
        n.put("type", a.type().scimName());
        n.put("multiValued", a.multiValued());
        n.put("description", a.description());
        n.put("required", a.required());
        if (a.type() == AttributeDef.Type.STRING || a.type() == AttributeDef.Type.REFERENCE) {
            n.put("caseExact", a.caseExact());
        }
        if (a.type() == AttributeDef.Type.REFERENCE) {
            ArrayNode refs = n.putArray("referenceTypes");
            referenceTypes(a, parent).forEach(refs::add);
        }
        n.put("mutability", a.mutability().scimName());
        n.put("returned", a.returned().scimName());
        n.put("uniqueness", a.uniqueness().scimName());
        if (a.isComplex()) {
            ArrayNode subs = n.putArray("subAttributes");
            for (AttributeDef s : a.subAttributes()) {
                subs.add(attribute(s, a));
            }
        }
        return n;
    }

    /** What a reference points at: members are Users, a user's groups are Groups, anything else a URI. */
    private static List<String> referenceTypes(AttributeDef a, AttributeDef parent) {
        if (parent != null && parent.name().equals("members")) {
            return List.of("User");
        }
        if (parent != null && parent.name().equals("groups")) {
            return List.of("Group");
        }
        if (parent != null && parent.name().equals("manager")) {
            return List.of("User");
        }
        return List.of("uri");
    }

    private static void meta(ObjectNode n, String resourceType, String location) {
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", resourceType);
        meta.put("location", location);
    }
}
