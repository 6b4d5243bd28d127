package dev.hubsso.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.BoundFilter;
import dev.hubsso.scim.filter.FilterEvaluator;
import dev.hubsso.scim.patch.AttributeDispatch.Mode;
import dev.hubsso.scim.patch.PatchOperation.Op;
import dev.hubsso.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * PATCH, create and replace of the attributes kept in {@link dev.hubsso.scim.users.model.Profile}
 * (RFC 7644 §3.5.2), on a draft JSON object under canonical names. Single-valued strings:
 * {@code nickName}, {@code profileUrl}, {@code title}, {@code userType},
 * {@code preferredLanguage}, {@code locale}, {@code timezone}. Multi-valued complex:
 * {@code phoneNumbers} ({@code value}, {@code display}, {@code type}, {@code primary}) and
 * {@code addresses} ({@code formatted}, {@code streetAddress}, {@code locality},
 * {@code region}, {@code postalCode}, {@code country}, {@code type}, {@code primary}).
 *
 * <p>The rules are those of {@code emails}: value filters are full filters evaluated per
 * element; Entra's {@code phoneNumbers[type eq "mobile"].value} and
 * {@code addresses[type eq "work"].streetAddress} create the element when none matches (any
 * other filter that selects nothing is 400 {@code noTarget} for add and replace); at most one
 * element is {@code primary}; adding an element that is already there changes nothing; an
 * element left without content is dropped. Empty strings and nulls mean "no value", as OneLogin
 * and JumpCloud send them.
 */
final class ProfileAttributes {

    /** Lower-case name → canonical name of the single-valued strings. */
    private static final Map<String, String> SIMPLE = Map.of("nickname", "nickName", "profileurl", "profileUrl", "title",
            "title", "usertype", "userType", "preferredlanguage", "preferredLanguage", "locale", "locale", "timezone",
            "timezone");

    /** A multi-valued complex attribute: canonical name, sub-attributes by lower-case name, the content ones. */
    private record Multi(String name, Map<String, String> subs, List<String> content) {
    }

    private static final Map<String, Multi> MULTI = Map.of(
            "phonenumbers", new Multi("phoneNumbers", Map.of("value", "value", "display", "display", "type", "type",
                    "primary", "primary"), List.of("value")),
            "addresses", new Multi("addresses", Map.of("formatted", "formatted", "streetaddress", "streetAddress",
                    "locality", "locality", "region", "region", "postalcode", "postalCode", "country", "country", "type",
                    "type", "primary", "primary"),
                    List.of("formatted", "streetAddress", "locality", "region", "postalCode", "country")));

    private ProfileAttributes() {
    }

    /** Whether a (lower-case) core attribute name is one of these. */
    static boolean handles(String attribute) {
        return SIMPLE.containsKey(attribute) || MULTI.containsKey(attribute);
    }

    /** Applies one operation on one of these attributes to the draft object. */
    static void apply(ObjectNode profile, Op op, AttributePath p, JsonNode value, Mode mode) {
        String simple = SIMPLE.get(p.attribute());
        if (simple != null) {
            AttributeDispatch.simple(p);
            String v = op == Op.REMOVE ? null : UserPatcher.string(value, simple);
            if (v == null) {
                profile.remove(simple);
            } else {
                profile.put(simple, v);
            }
            return;
        }
        Multi m = MULTI.get(p.attribute());
        String sub = p.subAttribute() == null ? null : m.subs().get(p.subAttribute());
        if (p.subAttribute() != null && sub == null) {
            throw ScimException.invalidPath("unknown sub-attribute of " + m.name() + ": " + p.text());
        }
        List<ObjectNode> elements = elements(profile, m);
        if (!p.hasFilter() && sub == null) {
            whole(elements, m, op, value, mode);
        } else {
            part(elements, m, op, p, sub, value, mode);
        }
        if (elements.isEmpty()) {
            profile.remove(m.name());
        } else {
            ArrayNode array = profile.putArray(m.name());
            elements.forEach(array::add);
        }
    }

    private static List<ObjectNode> elements(ObjectNode profile, Multi m) {
        List<ObjectNode> list = new ArrayList<>();
        JsonNode stored = profile.get(m.name());
        if (stored != null) {
            stored.forEach(n -> list.add((ObjectNode) n.deepCopy()));
        }
        return list;
    }

    /** The whole attribute: replace the list, add to it, or remove it. */
    private static void whole(List<ObjectNode> elements, Multi m, Op op, JsonNode value, Mode mode) {
        if (op == Op.REMOVE || value == null || value.isNull()) {
            elements.clear();
            return;
        }
        List<ObjectNode> incoming = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode n : value) {
                if (!n.isObject()) {
                    throw ScimException.invalidValue("each of " + m.name() + " must be an object");
                }
                ObjectNode e = element(m, n, mode);
                if (hasContent(m, e)) {
                    incoming.add(e);
                }
            }
        } else if (value.isObject()) {
            ObjectNode e = element(m, value, mode);
            if (hasContent(m, e)) {
                incoming.add(e);
            }
        } else {
            throw ScimException.invalidValue(m.name() + " must be an array of objects");
        }
        if (op == Op.REPLACE) {
            elements.clear();
        }
        for (ObjectNode e : incoming) {
            add(elements, e);
        }
    }

    /** Elements selected by a value filter, or one sub-attribute of them (or of all of them). */
    private static void part(List<ObjectNode> elements, Multi m, Op op, AttributePath p, String sub, JsonNode value,
            Mode mode) {
        BoundFilter filter = p.hasFilter() ? p.elementFilter(ScimSchemas.USERS) : null;
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            if (filter == null || FilterEvaluator.matchesElement(filter, elements.get(i))) {
                targets.add(i);
            }
        }
        if (op == Op.REMOVE) {
            // removing what is not there changes nothing: IdPs retry removes
            for (int i = targets.size() - 1; i >= 0; i--) {
                int at = targets.get(i);
                if (sub == null) {
                    elements.remove(at);
                } else {
                    elements.get(at).remove(sub);
                    if (!hasContent(m, elements.get(at))) {
                        elements.remove(at);
                    }
                }
            }
            return;
        }
        ObjectNode change;
        if (sub == null) {
            if (value == null || !value.isObject()) {
                throw ScimException.invalidValue("an element of " + m.name() + " must be an object");
            }
            change = element(m, value, mode);
        } else {
            change = JsonNodeFactory.instance.objectNode();
            set(change, sub, value, m);
            if (!change.has(sub)) {
                change.putNull(sub); // an emptied sub-attribute: merged as a removal
            }
        }
        if (targets.isEmpty()) {
            String type = p.hasFilter() ? p.plainEquals("type") : null;
            if (p.hasFilter() && type == null) {
                throw ScimException.noTarget("no element of " + m.name() + " matches " + p.text());
            }
            ObjectNode created = JsonNodeFactory.instance.objectNode();
            merge(created, change);
            if (type != null && !created.has("type")) {
                created.put("type", type);
            }
            if (hasContent(m, created)) {
                add(elements, created);
            }
            return;
        }
        for (int i = targets.size() - 1; i >= 0; i--) {
            int at = targets.get(i);
            ObjectNode target = elements.get(at);
            merge(target, change);
            if (!hasContent(m, target)) {
                elements.remove(at);
            } else if (target.path("primary").asBoolean(false)) {
                clearOtherPrimaries(elements, target);
            }
        }
    }

    /** An element from a client's object: canonical sub-attribute names, strings and a boolean primary. */
    private static ObjectNode element(Multi m, JsonNode n, Mode mode) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String sub = m.subs().get(f.getKey().toLowerCase(java.util.Locale.ROOT));
            if (sub == null) {
                if (mode == Mode.CREATE) {
                    continue; // liberal in a body: an unknown sub-attribute is ignored
                }
                throw ScimException.invalidValue("unknown sub-attribute of " + m.name() + ": " + f.getKey());
            }
            set(e, sub, f.getValue(), m);
        }
        return e;
    }

    private static void set(ObjectNode e, String sub, JsonNode v, Multi m) {
        if (sub.equals("primary")) {
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty())) {
                e.put("primary", UserPatcher.bool(v, m.name() + ".primary"));
            }
            return;
        }
        String s = UserPatcher.string(v, m.name() + "." + sub);
        if (s != null) {
            e.put(sub, s);
        }
    }

    /** Sets the sub-attributes of {@code change} on {@code target}; a null one is removed. */
    private static void merge(ObjectNode target, ObjectNode change) {
        Iterator<Map.Entry<String, JsonNode>> fields = change.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isNull()) {
                target.remove(f.getKey());
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    /** Adds an element; one equal in content and type is merged (adding it twice changes nothing). */
    private static void add(List<ObjectNode> elements, ObjectNode e) {
        for (ObjectNode existing : elements) {
            if (sameElement(existing, e)) {
                if (e.path("primary").asBoolean(false)) {
                    existing.put("primary", true);
                    clearOtherPrimaries(elements, existing);
                }
                return;
            }
        }
        elements.add(e);
        if (e.path("primary").asBoolean(false)) {
            clearOtherPrimaries(elements, e);
        }
    }

    private static boolean sameElement(ObjectNode a, ObjectNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        x.remove("primary");
        y.remove("primary");
        return x.equals(y);
    }

    private static void clearOtherPrimaries(List<ObjectNode> elements, ObjectNode keep) {
        for (ObjectNode e : elements) {
            if (e != keep && e.has("primary")) {
                e.put("primary", false);
            }
        }
    }

    private static boolean hasContent(Multi m, ObjectNode e) {
        for (String c : m.content()) {
            if (e.hasNonNull(c)) {
                return true;
            }
        }
        return false;
    }
}
