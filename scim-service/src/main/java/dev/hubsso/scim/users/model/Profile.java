package dev.hubsso.scim.users.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The core User attributes the hub keeps for the IdP without acting on them (RFC 7643 §4.1):
 * {@code nickName}, {@code profileUrl}, {@code title}, {@code userType},
 * {@code preferredLanguage}, {@code locale}, {@code timezone}, {@code phoneNumbers} and
 * {@code addresses}, as one JSON object under their canonical names (absent when unset; the
 * multi-valued ones as arrays of objects with canonical sub-attribute names). Entra ID's and
 * Okta's default attribute mappings send them; storing them is what lets those PATCHes and PUTs
 * succeed and read back.
 *
 * <p>Immutable: the node is copied in and never handed out for writing ({@link #json()} returns a
 * copy).
 */
public final class Profile {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A user without any of these attributes. */
    public static final Profile NONE = new Profile(JsonNodeFactory.instance.objectNode());

    private final ObjectNode json;

    public Profile(ObjectNode json) {
        this.json = json == null ? JsonNodeFactory.instance.objectNode() : json.deepCopy();
    }

    /** Reads the stored form; null or blank is no attributes. */
    public static Profile parse(String stored) {
        if (stored == null || stored.isBlank() || stored.equals("{}")) {
            return NONE; // most users: no parse on every row of a page
        }
        try {
            JsonNode n = JSON.readTree(stored);
            if (!n.isObject()) {
                throw new IllegalStateException("corrupt profile column: not an object");
            }
            return new Profile((ObjectNode) n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt profile column", e);
        }
    }

    /** The stored form. */
    public String toStored() {
        return json.toString();
    }

    /** A copy of the attributes, to edit or to render. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    public boolean isEmpty() {
        return json.isEmpty();
    }

    /** The attributes (canonical names) whose values differ between this and {@code other}, sorted. */
    public List<String> changedAttributes(Profile other) {
        TreeSet<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        other.json.fieldNames().forEachRemaining(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!java.util.Objects.equals(json.get(name), other.json.get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** Copies every attribute onto a resource's JSON. */
    public void writeTo(ObjectNode resource) {
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            resource.set(f.getKey(), f.getValue().deepCopy());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile p && json.equals(p.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
