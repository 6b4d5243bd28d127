package dev.hubsso.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.BoundFilter;
import dev.hubsso.scim.filter.FilterEvaluator;
import dev.hubsso.scim.patch.PatchOperation.Op;
import dev.hubsso.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PATCH of a multi-valued complex User attribute ({@code emails}, {@code phoneNumbers},
 * {@code addresses}; RFC 7644 §3.5.2) on its elements as JSON objects under canonical
 * sub-attribute names. The rules, the same for each:
 *
 * <ul>
 * <li>Value filters are full filters, evaluated on each element by {@link FilterEvaluator} per
 * the schema's {@code caseExact} rules.
 * <li>Entra's {@code emails[type eq "work"].value} (and {@code phoneNumbers[type eq
 * "mobile"].value}, {@code addresses[type eq "work"].streetAddress}) creates the element when
 * none matches; any other add or replace that selects nothing is 400 {@code noTarget}, and a
 * remove of nothing changes nothing (IdPs retry removes).
 * <li>At most one element is {@code primary}; adding an element that is already there (the same
 * sub-attributes, compared case-insensitively) changes nothing; an element left without content
 * (an email without {@code value}, an address without any part) is dropped.
 * <li>Empty strings and nulls mean "no value", as OneLogin and JumpCloud send them; unknown
 * sub-attributes in a value are not kept (a path naming one is 400 {@code invalidPath}).
 * </ul>
 */
final class MultiValued {

    /**
     * One attribute.
     *
     * @param name its canonical name
     * @param subs canonical sub-attribute names by lower-case name
     * @param content the sub-attributes of which an element needs at least one
     * @param primaryWhenFirst whether an element created into an empty list is primary
     */
    record Spec(String name, Map<String, String> subs, List<String> content, boolean primaryWhenFirst) {
    }

    private MultiValued() {
    }

    /** Applies one operation whose path names {@code spec}'s attribute to its elements (edited in place). */
    static void apply(Spec spec, List<ObjectNode> elements, Op op, AttributePath p, JsonNode value) {
        String sub = p.subAttribute() == null ? null : spec.subs().get(p.subAttribute());
        if (p.subAttribute() != null && sub == null) {
            throw ScimException.invalidPath("unknown sub-attribute of " + spec.name() + ": " + p.text());
        }
        if (!p.hasFilter() && sub == null) {
            whole(spec, elements, op, value);
        } else {
            part(spec, elements, op, p, sub, value);
        }
    }

    /** The whole attribute: replace the list, add to it, or remove it. */
    private static void whole(Spec spec, List<ObjectNode> elements, Op op, JsonNode value) {
        if (op == Op.REMOVE || value == null || value.isNull()) {
            elements.clear();
            return;
        }
        List<ObjectNode> incoming = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode n : value) {
                if (!n.isObject()) {
                    throw ScimException.invalidValue("each of " + spec.name() + " must be an object");
                }
                incoming.add(element(spec, n));
            }
        } else if (value.isObject()) {
            incoming.add(element(spec, value));
        } else {
            throw ScimException.invalidValue(spec.name() + " must be an array of objects");
        }
        if (op == Op.REPLACE) {
            elements.clear();
        }
        for (ObjectNode e : incoming) {
            if (hasContent(spec, e)) {
                add(elements, e);
            }
        }
    }

    /** Elements selected by a value filter, or one sub-attribute of them (or of all of them). */
    private static void part(Spec spec, List<ObjectNode> elements, Op op, AttributePath p, String sub, JsonNode value) {
        BoundFilter filter = p.hasFilter() ? p.elementFilter(ScimSchemas.USERS) : null;
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            if (filter == null || FilterEvaluator.matchesElement(filter, elements.get(i))) {
                targets.add(i);
            }
        }
        if (op == Op.REMOVE) {
            for (int i = targets.size() - 1; i >= 0; i--) {
                int at = targets.get(i);
                if (sub == null) {
                    elements.remove(at);
                } else {
                    elements.get(at).remove(sub);
                    if (!hasContent(spec, elements.get(at))) {
                        elements.remove(at);
                    }
                }
            }
            return;
        }
        ObjectNode change;
        if (sub == null) {
            if (value == null || !value.isObject()) {
                throw ScimException.invalidValue("an element of " + spec.name() + " must be an object");
            }
            change = element(spec, value);
        } else {
            change = JsonNodeFactory.instance.objectNode();
            set(spec, change, sub, value);
            if (!change.has(sub)) {
                change.putNull(sub); // an emptied sub-attribute: merged as a removal
            }
        }
        if (targets.isEmpty()) {
            create(spec, elements, p, sub, change);
            return;
        }
        for (int i = targets.size() - 1; i >= 0; i--) {
            int at = targets.get(i);
            ObjectNode target = elements.get(at);
            merge(target, change);
            if (!hasContent(spec, target)) {
                elements.remove(at);
            } else if (target.path("primary").asBoolean(false)) {
                clearOtherPrimaries(elements, target);
            }
        }
    }

    /**
     * An add or replace that selects no element: a {@code type eq "..."} filter (or no filter)
     * creates one; any other filter, or a change without content to a sub-attribute that is not
     * content (a {@code type} or {@code primary} of nothing), is 400 {@code noTarget}.
     */
    private static void create(Spec spec, List<ObjectNode> elements, AttributePath p, String sub, ObjectNode change) {
        String type = p.hasFilter() ? p.plainEquals("type") : null;
        if (p.hasFilter() && type == null) {
            throw ScimException.noTarget("no element of " + spec.name() + " matches " + p.text());
        }
        ObjectNode created = JsonNodeFactory.instance.objectNode();
        merge(created, change);
        if (!hasContent(spec, created)) {
            if (sub != null && !spec.content().contains(sub)) {
                throw ScimException.noTarget("no element of " + spec.name() + " matches " + p.text());
            }
            return; // an empty value for an element that is not there: nothing to create, nothing to clear
        }
        if (type != null && !created.hasNonNull("type")) {
            created.put("type", type);
        }
        if (spec.primaryWhenFirst() && elements.isEmpty()) {
            created.put("primary", true);
        }
        add(elements, created);
    }

    /** An element from a client's object: canonical sub-attribute names, strings and a boolean primary. */
    private static ObjectNode element(Spec spec, JsonNode n) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String sub = spec.subs().get(f.getKey().toLowerCase(Locale.ROOT));
            if (sub != null) {
                set(spec, e, sub, f.getValue());
            }
        }
        return e;
    }

    private static void set(Spec spec, ObjectNode e, String sub, JsonNode v) {
        if (sub.equals("primary")) {
            if (v != null && !v.isNull()) {
                e.put("primary", UserPatcher.bool(v, spec.name() + ".primary"));
            }
            return;
        }
        String s = UserPatcher.string(v, spec.name() + "." + sub);
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

    /** Adds an element; one with the same sub-attributes (case-insensitively, primary aside) is merged. */
    private static void add(List<ObjectNode> elements, ObjectNode e) {
        boolean primary = e.path("primary").asBoolean(false);
        for (ObjectNode existing : elements) {
            if (sameElement(existing, e)) {
                if (primary) {
                    existing.put("primary", true);
                    clearOtherPrimaries(elements, existing);
                }
                return;
            }
        }
        elements.add(e);
        if (primary) {
            clearOtherPrimaries(elements, e);
        }
    }

    private static boolean sameElement(ObjectNode a, ObjectNode b) {
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(n -> {
            if (!a.has(n)) {
                names.add(n);
            }
        });
        for (String n : names) {
            if (!n.equals("primary") && !a.path(n).asText("").equalsIgnoreCase(b.path(n).asText(""))) {
                return false;
            }
        }
        return true;
    }

    private static void clearOtherPrimaries(List<ObjectNode> elements, ObjectNode keep) {
        for (ObjectNode e : elements) {
            if (e != keep && e.has("primary")) {
                e.put("primary", false);
            }
        }
    }

    private static boolean hasContent(Spec spec, ObjectNode e) {
        for (String c : spec.content()) {
            if (e.hasNonNull(c)) {
                return true;
            }
        }
        return false;
    }
}
