package dev.hubsso.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.schema.AttributeDef.Returned;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code attributes} / {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5, §3.9) applied
 * to a resource's JSON. {@code schemas} and attributes returned "always" ({@code id}) stay; names
 * are case-insensitive and may be fully qualified ({@code urn:...:User:employeeNumber}) or name a
 * whole extension ({@code urn:...:enterprise:2.0:User}).
 */
public final class AttributeProjection {

    private final ResourceSchema schema;
    private final Set<String> include;
    private final Set<String> exclude;

    private AttributeProjection(ResourceSchema schema, Set<String> include, Set<String> exclude) {
        this.schema = schema;
        this.include = include;
        this.exclude = exclude;
    }

    /** No projection: the default representation. */
    public static AttributeProjection none(ResourceSchema schema) {
        return new AttributeProjection(schema, Set.of(), Set.of());
    }

    /**
     * From the comma-separated parameters (either may be null or blank).
     */
    public static AttributeProjection of(ResourceSchema schema, String attributes, String excludedAttributes) {
        return new AttributeProjection(schema, keys(schema, attributes), keys(schema, excludedAttributes));
    }

    /**
     * Whether the projected representation keeps the core attribute {@code name} (or some of its
     * sub-attributes), so that a computed attribute can be left unread when it would be dropped.
     */
    public boolean returns(String name) {
        return keep(name.toLowerCase(Locale.ROOT));
    }

    public boolean isNone() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** Applies the projection in place and returns the node. */
    public ObjectNode apply(ObjectNode resource) {
        if (isNone()) {
            return resource;
        }
        List<String> names = new ArrayList<>();
        resource.fieldNames().forEachRemaining(names::add);
        for (String field : names) {
            if (field.equals("schemas")) {
                continue;
            }
            SchemaDef ext = extension(field);
            if (ext != null) {
                JsonNode node = resource.get(field);
                if (node instanceof ObjectNode obj) {
                    String prefix = ext.id().toLowerCase(Locale.ROOT);
                    filterMembers(obj, prefix + ":", wholeRequested(prefix));
                    if (obj.isEmpty()) {
                        resource.remove(field);
                    }
                }
                continue;
            }
            AttributeDef def = CommonAttributes.attribute(field);
            if (def == null) {
                def = schema.core().attribute(field);
            }
            if (def != null && def.returned() == Returned.ALWAYS) {
                continue;
            }
            String key = field.toLowerCase(Locale.ROOT);
            if (!keep(key)) {
                resource.remove(field);
                continue;
            }
            JsonNode node = resource.get(field);
            if (hasSubSelection(key)) {
                narrow(node, key);
            }
        }
        return resource;
    }

    private boolean wholeRequested(String urn) {
        return include.contains(urn);
    }

    private void filterMembers(ObjectNode obj, String prefix, boolean wholeIncluded) {
        String urn = prefix.substring(0, prefix.length() - 1);
        if (exclude.contains(urn)) {
            obj.removeAll();
            return;
        }
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        for (String m : names) {
            String key = prefix + m.toLowerCase(Locale.ROOT);
            boolean included = include.isEmpty() || wholeIncluded || include.contains(key) || hasSubSelection(key);
            if (!included || exclude.contains(key)) {
                obj.remove(m);
            } else if (hasSubSelection(key)) {
                narrow(obj.get(m), key);
            }
        }
    }

    private boolean keep(String key) {
        if (exclude.contains(key)) {
            return false;
        }
        return include.isEmpty() || include.contains(key) || hasSubSelection(key);
    }

    /** True when only some sub-attributes of {@code key} are asked for, or some are excluded. */
    private boolean hasSubSelection(String key) {
        String prefix = key + ".";
        for (String s : include) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        for (String s : exclude) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void narrow(JsonNode node, String key) {
        if (node instanceof ArrayNode array) {
            for (JsonNode e : array) {
                narrow(e, key);
            }
            return;
        }
        if (!(node instanceof ObjectNode obj)) {
            return;
        }
        boolean wholeIncluded = include.contains(key);
        boolean subIncluded = false;
        for (String s : include) {
            subIncluded |= s.startsWith(key + ".");
        }
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            String sub = key + "." + it.next().getKey().toLowerCase(Locale.ROOT);
            boolean in = include.isEmpty() || wholeIncluded || !subIncluded || include.contains(sub);
            if (!in || exclude.contains(sub)) {
                it.remove();
            }
        }
    }

    private SchemaDef extension(String field) {
        for (SchemaDef s : schema.extensions()) {
            if (s.id().equalsIgnoreCase(field)) {
                return s;
            }
        }
        return null;
    }

    /** Lower-case keys: {@code name.givenname}, {@code urn:...:user:employeenumber}, or a bare extension URN. */
    private static Set<String> keys(ResourceSchema schema, String csv) {
        Set<String> out = new HashSet<>();
        if (csv == null || csv.isBlank()) {
            return out;
        }
        for (String raw : csv.split(",")) {
            String a = raw.strip().toLowerCase(Locale.ROOT);
            if (a.isEmpty()) {
                continue;
            }
            String core = schema.core().id().toLowerCase(Locale.ROOT) + ":";
            if (a.startsWith(core)) {
                a = a.substring(core.length());
            }
            out.add(a);
        }
        return out;
    }
}
