package dev.hubsso.scim.patch;

import static dev.hubsso.scim.patch.AttributeDispatch.readOnly;
import static dev.hubsso.scim.patch.AttributeDispatch.simple;
import static dev.hubsso.scim.patch.AttributeDispatch.unknown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.BoundFilter;
import dev.hubsso.scim.filter.FilterEvaluator;
import dev.hubsso.scim.groups.model.ScimGroup;
import dev.hubsso.scim.patch.AttributeDispatch.Mode;
import dev.hubsso.scim.patch.PatchOperation.Op;
import dev.hubsso.scim.schema.ScimSchemas;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies SCIM PATCH operations to a Group (RFC 7644 §3.5.2), and reads a Group from a create or
 * replace body. Pure: no I/O, no framework; whether the member ids are users of the organization
 * is the service's check.
 *
 * <p>Operations apply in order to a working copy, all or nothing. Liberal in the shapes real IdPs
 * send: capitalised ops; Entra's {@code {"op":"Remove","path":"members","value":[{"value":"id"}]}}
 * removes only the listed members (without a value, {@code remove members} empties the group);
 * {@code remove members[value eq "id"]}, and any other value filter on {@code value} (the id,
 * caseExact) and {@code type}; {@code replace members [...]} and {@code []}; a path-less replace
 * carrying the group's own {@code id} (ignored, like every read-only attribute in a value). Adding
 * a member twice, or removing one that is not there, changes nothing; an add or replace whose
 * value filter selects no member is 400 {@code noTarget}.
 */
public final class GroupPatcher {

    private GroupPatcher() {
    }

    /** Applies a PatchOp request body to {@code current}. */
    public static ScimGroup apply(ScimGroup current, JsonNode body) {
        return apply(current, PatchOperation.parseRequest(body));
    }

    /** Applies parsed operations to {@code current}, all or nothing; returns the group after them. */
    public static ScimGroup apply(ScimGroup current, List<PatchOperation> operations) {
        Draft d = new Draft(current);
        AttributeDispatch.applyAll(operations, (op, path, value, mode) -> applyTo(d, op, path, value, mode));
        return d.toGroup();
    }

    /**
     * Reads a create (POST) or replace (PUT) body: {@code displayName} (required),
     * {@code externalId}, {@code members}; read-only and unknown attributes are ignored. Members
     * not sent means no members.
     */
    public static ScimGroup fromBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a Group must be a JSON object");
        }
        Draft d = new Draft(new ScimGroup(null, null, List.of()));
        AttributeDispatch.pathless((op, path, value, mode) -> applyTo(d, op, path, value, mode), Op.REPLACE, body,
                Mode.CREATE);
        if (d.displayName == null) {
            throw ScimException.invalidValue("displayName is required");
        }
        return d.toGroup();
    }

    private static void applyTo(Draft d, Op op, AttributePath p, JsonNode value, Mode mode) {
        if (p.isExtension()) {
            unknown(p, mode);
            return;
        }
        switch (p.attribute()) {
            case "id", "meta", "schemas" -> readOnly(p, mode);
            case "displayname" -> {
                simple(p);
                String v = op == Op.REMOVE ? null : UserPatcher.string(value, "displayName");
                if (v == null || v.isBlank()) {
                    throw ScimException.invalidValue("displayName is required and cannot be empty");
                }
                d.displayName = v;
            }
            case "externalid" -> {
                simple(p);
                d.externalId = op == Op.REMOVE ? null : UserPatcher.string(value, "externalId");
            }
            case "members" -> members(d, op, p, value, mode);
            default -> unknown(p, mode);
        }
    }

    private static void members(Draft d, Op op, AttributePath p, JsonNode value, Mode mode) {
        String sub = p.subAttribute();
        if (sub != null && !sub.equals("value")) {
            throw ScimException.mutability("only members.value can be written: " + p.text());
        }
        if (p.hasFilter()) {
            Set<UUID> selected = selected(d, p);
            if (op == Op.REMOVE) {
                // removing a member that is not there changes nothing (IdPs retry)
                d.members.removeAll(selected);
                return;
            }
            if (selected.isEmpty()) {
                throw ScimException.noTarget("no member matches " + p.text());
            }
            Set<UUID> replacement = ids(value, sub != null);
            if (replacement.size() != 1) {
                throw ScimException.invalidValue("selected members are replaced by exactly one member");
            }
            d.members.removeAll(selected);
            d.members.addAll(replacement);
            return;
        }
        switch (op) {
            case ADD -> d.members.addAll(ids(value, sub != null));
            case REPLACE -> {
                Set<UUID> replacement = value == null || value.isNull() ? Set.of() : ids(value, sub != null);
                d.members.clear();
                d.members.addAll(replacement);
            }
            case REMOVE -> {
                if (value == null || value.isNull()) {
                    d.members.clear();
                } else {
                    // Entra: remove only the members listed in value
                    d.members.removeAll(ids(value, sub != null));
                }
            }
        }
    }

    /**
     * The members a value filter selects, evaluated on each member as its SCIM element
     * ({@code value}, the id, case-exact; {@code type}, always {@code User}). {@code display} and
     * {@code $ref} are computed outside the group, so a filter on them is 400 {@code invalidPath}.
     */
    private static Set<UUID> selected(Draft d, AttributePath p) {
        for (String name : p.filterAttributes()) {
            if (!name.equals("value") && !name.equals("type")) {
                throw ScimException.invalidPath("members can be selected by value and type only: " + p.text());
            }
        }
        BoundFilter filter = p.elementFilter(ScimSchemas.GROUPS);
        Set<UUID> out = new LinkedHashSet<>();
        for (UUID member : d.members) {
            ObjectNode element = JsonNodeFactory.instance.objectNode();
            element.put("value", member.toString());
            element.put("type", "User");
            if (FilterEvaluator.matchesElement(filter, element)) {
                out.add(member);
            }
        }
        return out;
    }

    /**
     * Member ids from a value: an array of {@code {value, display, $ref, type}} objects, one such
     * object, or (for {@code members.value}) ids as strings.
     */
    private static Set<UUID> ids(JsonNode value, boolean bareIds) {
        Set<UUID> out = new LinkedHashSet<>();
        if (value == null) {
            throw ScimException.invalidValue("members needs a value");
        }
        if (value.isArray()) {
            for (JsonNode n : value) {
                out.add(id(n, bareIds));
            }
        } else {
            out.add(id(value, bareIds));
        }
        return out;
    }

    private static UUID id(JsonNode n, boolean bareId) {
        String text;
        if (n.isTextual() && bareId) {
            text = n.asText();
        } else if (n.isObject()) {
            JsonNode type = PatchOperation.member(n, "type");
            if (type != null && type.isTextual() && !type.asText().isEmpty() && !type.asText().equalsIgnoreCase("User")) {
                throw ScimException.invalidValue("only users can be members of a group, not " + type.asText());
            }
            text = UserPatcher.string(PatchOperation.member(n, "value"), "members.value");
            if (text == null) {
                throw ScimException.invalidValue("each member needs a value (the user's id)");
            }
        } else {
            throw ScimException.invalidValue("each member must be an object with a value");
        }
        UUID id = uuidOrNull(text);
        if (id == null) {
            throw ScimException.invalidValue("no user " + text + " in this organization");
        }
        return id;
    }

    private static UUID uuidOrNull(String s) {
        try {
            UUID id = UUID.fromString(s.strip());
            return id.toString().equalsIgnoreCase(s.strip()) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final class Draft {
        String displayName;
        String externalId;
        final Set<UUID> members;

        Draft(ScimGroup g) {
            displayName = g.displayName();
            externalId = g.externalId();
            members = new LinkedHashSet<>(g.members());
        }

        ScimGroup toGroup() {
            return new ScimGroup(displayName, externalId, List.copyOf(members));
        }
    }
}
