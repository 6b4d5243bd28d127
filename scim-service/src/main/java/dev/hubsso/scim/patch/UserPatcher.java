package dev.hubsso.scim.patch;

import static dev.hubsso.scim.patch.AttributeDispatch.readOnly;
import static dev.hubsso.scim.patch.AttributeDispatch.simple;
import static dev.hubsso.scim.patch.AttributeDispatch.unknown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.FilterEvaluator;
import dev.hubsso.scim.patch.AttributeDispatch.Mode;
import dev.hubsso.scim.patch.PatchOperation.Op;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.Profile;
import dev.hubsso.scim.users.model.ScimUser.Email;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies SCIM PATCH operations to a User (RFC 7644 §3.5.2), and reads a User from a create
 * body through the same attribute rules. Pure: no I/O, no framework.
 *
 * <p>Operations apply in order to a working copy; the first failing operation throws and the
 * copy is dropped, so a PATCH is all or nothing. Liberal in what it accepts from real IdPs:
 * capitalised ops, booleans as strings ({@code "False"}), dotted keys in path-less values,
 * empty strings for absent values, and {@code emails[type eq "work"].value} creating the entry
 * when it is missing. Value filters in paths are full filters ({@code emails[type ne "work" and
 * value co "@x"]}), evaluated on each email by {@link FilterEvaluator} per the schema's
 * {@code caseExact} rules; apart from that Entra shape, an add or replace whose filter selects
 * nothing is 400 {@code noTarget}, and a remove of nothing changes nothing.
 */
public final class UserPatcher {

    private UserPatcher() {
    }

    /** Applies a PatchOp request body to {@code current}. */
    public static PatchResult apply(ScimUser current, JsonNode body) {
        return apply(current, PatchOperation.parseRequest(body));
    }

    /** Applies parsed operations to {@code current}, all or nothing. */
    public static PatchResult apply(ScimUser current, List<PatchOperation> operations) {
        Draft draft = new Draft(current);
        AttributeDispatch.applyAll(operations, (op, path, value, mode) -> applyTo(draft, op, path, value, mode));
        ScimUser updated = draft.toUser();
        return new PatchResult(updated, current.changedAttributes(updated));
    }

    /**
     * Reads the writable attributes of a create (POST) body. Read-only and unknown attributes
     * ({@code id}, {@code meta}, {@code groups}, {@code password}, {@code ims}...) are ignored.
     */
    public static ScimUser fromCreateBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a User must be a JSON object");
        }
        Draft draft = new Draft(new ScimUser(null, null, null, null, null, null, List.of(), true));
        AttributeDispatch.pathless((op, path, value, mode) -> applyTo(draft, op, path, value, mode), Op.REPLACE, body,
                Mode.CREATE);
        if (draft.userName == null) {
            throw ScimException.invalidValue("userName is required");
        }
        return draft.toUser();
    }

    /**
     * Reads a PUT body (RFC 7644 §3.5.1): like a create body, except that an omitted
     * {@code active} keeps the current value (Okta's GET-then-PUT must not deactivate anyone).
     */
    public static ScimUser fromReplaceBody(JsonNode body, ScimUser current) {
        ScimUser replacement = fromCreateBody(body);
        JsonNode active = PatchOperation.member(body, "active");
        boolean sent = active != null && !active.isNull() && !(active.isTextual() && active.asText().isEmpty());
        if (sent) {
            return replacement;
        }
        return new ScimUser(replacement.userName(), replacement.externalId(), replacement.givenName(),
                replacement.familyName(), replacement.formattedName(), replacement.displayName(), replacement.emails(),
                current.active(), replacement.enterprise(), replacement.profile());
    }

    private static void applyTo(Draft d, Op op, AttributePath p, JsonNode value, Mode mode) {
        if (p.isExtension()) {
            if (AttributePath.HUB_ACCOUNT_SCHEMA.equalsIgnoreCase(p.schema())) {
                readOnly(p, mode);
                return;
            }
            if (AttributePath.ENTERPRISE.equals(p.schema())) {
                enterprise(d, op, p, value, mode);
                return;
            }
            unknown(p, mode);
            return;
        }
        switch (p.attribute()) {
            case "id", "meta", "groups", "schemas" -> readOnly(p, mode);
            case "password" -> {
                // accepted so that IdPs that always send one succeed; never stored, never returned
                simple(p);
            }
            case "active" -> {
                simple(p);
                if (op == Op.REMOVE) {
                    throw ScimException.invalidValue("active cannot be removed; replace it with false");
                }
                if (mode == Mode.CREATE && (value.isNull() || (value.isTextual() && value.asText().isEmpty()))) {
                    return; // an empty value in a create body means "not sent": active by default
                }
                d.active = bool(value, "active");
            }
            case "username" -> {
                simple(p);
                String v = op == Op.REMOVE ? null : string(value, "userName");
                if (v == null) {
                    throw ScimException.invalidValue("userName is required and cannot be empty");
                }
                d.userName = v;
            }
            case "displayname" -> {
                simple(p);
                d.displayName = op == Op.REMOVE ? null : string(value, "displayName");
            }
            case "externalid" -> {
                simple(p);
                d.externalId = op == Op.REMOVE ? null : string(value, "externalId");
            }
            case "name" -> name(d, op, p, value);
            case "emails" -> emails(d, op, p, value);
            default -> {
                if (ProfileAttributes.handles(p.attribute())) {
                    ProfileAttributes.apply(d.profile, op, p, value);
                } else {
                    unknown(p, mode);
                }
            }
        }
    }

    /**
     * The Enterprise User extension: the whole extension object, or one attribute of it (also as a
     * dotted key of a path-less value, as Entra sends them).
     */
    private static void enterprise(Draft d, Op op, AttributePath p, JsonNode value, Mode mode) {
        if (p.attribute() == null) {
            if (op == Op.REMOVE || value == null || value.isNull()) {
                d.employeeNumber = d.costCenter = d.organization = d.division = d.department = d.managerId = null;
                return;
            }
            if (!value.isObject()) {
                throw ScimException.invalidValue(p.text() + " must be an object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                AttributePath sub;
                try {
                    sub = AttributePath.parse(ScimUser.ENTERPRISE + ":" + f.getKey());
                } catch (ScimException e) {
                    if (mode == Mode.CREATE) {
                        continue;
                    }
                    throw e;
                }
                enterprise(d, op, sub, f.getValue(), mode == Mode.PATCH_PATH ? Mode.PATCH_VALUE : mode);
            }
            return;
        }
        if (p.attribute().equals("manager")) {
            manager(d, op, p, value, mode);
            return;
        }
        if (p.hasFilter() || p.subAttribute() != null) {
            throw ScimException.invalidPath(p.attribute() + " has no sub-attributes: " + p.text());
        }
        switch (p.attribute()) {
            case "employeenumber" -> d.employeeNumber = enterpriseString(op, value, p);
            case "costcenter" -> d.costCenter = enterpriseString(op, value, p);
            case "organization" -> d.organization = enterpriseString(op, value, p);
            case "division" -> d.division = enterpriseString(op, value, p);
            case "department" -> d.department = enterpriseString(op, value, p);
            default -> unknown(p, mode);
        }
    }

    private static String enterpriseString(Op op, JsonNode value, AttributePath p) {
        return op == Op.REMOVE ? null : string(value, p.attribute());
    }

    /**
     * manager in the forms Entra sends: {@code {"value":"id"}}, {@code [{"value":"id"}]} or a
     * bare {@code "id"}; {@code {"value":""}} (or null, or an empty list) removes it.
     */
    private static void manager(Draft d, Op op, AttributePath p, JsonNode value, Mode mode) {
        if (p.hasFilter()) {
            throw ScimException.invalidPath("manager is not multi-valued: " + p.text());
        }
        String sub = p.subAttribute();
        if (sub != null && !sub.equals("value")) {
            if (sub.equals("$ref") || sub.equals("displayname")) {
                readOnly(p, mode);
                return;
            }
            throw ScimException.invalidPath("unknown sub-attribute of manager: " + p.text());
        }
        if (op == Op.REMOVE || value == null || value.isNull()) {
            d.managerId = null;
            return;
        }
        JsonNode v = value;
        if (sub == null && v.isArray()) {
            if (v.size() > 1) {
                throw ScimException.invalidValue("a user has one manager");
            }
            v = v.isEmpty() ? null : v.get(0);
        }
        if (sub == null && v != null && v.isObject()) {
            v = PatchOperation.member(v, "value");
        }
        d.managerId = string(v, "manager.value");
    }

    private static void name(Draft d, Op op, AttributePath p, JsonNode value) {
        if (p.hasFilter()) {
            throw ScimException.invalidPath("name is not multi-valued: " + p.text());
        }
        if (p.subAttribute() != null) {
            String v = op == Op.REMOVE ? null : string(value, "name." + p.subAttribute());
            setNamePart(d, p.subAttribute(), v, p);
            return;
        }
        if (op == Op.REMOVE) {
            d.givenName = null;
            d.familyName = null;
            d.formattedName = null;
            return;
        }
        if (value.isNull()) {
            d.givenName = null;
            d.familyName = null;
            d.formattedName = null;
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("name must be an object");
        }
        // a complex value replaces the sub-attributes it names and leaves the others (RFC 7644 §3.5.2.3)
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String sub = f.getKey().toLowerCase(Locale.ROOT);
            if (sub.equals("givenname") || sub.equals("familyname") || sub.equals("formatted")) {
                setNamePart(d, sub, string(f.getValue(), "name." + f.getKey()), p);
            }
        }
    }

    private static void setNamePart(Draft d, String sub, String v, AttributePath p) {
        switch (sub) {
            case "givenname" -> d.givenName = v;
            case "familyname" -> d.familyName = v;
            case "formatted" -> d.formattedName = v;
            default -> throw ScimException.invalidPath("unknown sub-attribute of name: " + p.text());
        }
    }

    private static final MultiValued.Spec EMAILS = new MultiValued.Spec("emails",
            Map.of("value", "value", "type", "type", "primary", "primary"), List.of("value"), true);

    /** {@code emails}, through the rules every multi-valued attribute follows ({@link MultiValued}). */
    private static void emails(Draft d, Op op, AttributePath p, JsonNode value) {
        List<ObjectNode> elements = new ArrayList<>();
        for (Email e : d.emails) {
            ObjectNode n = JsonNodeFactory.instance.objectNode().put("value", e.value());
            if (e.type() != null) {
                n.put("type", e.type());
            }
            elements.add(n.put("primary", e.primary()));
        }
        MultiValued.apply(EMAILS, elements, op, p, value);
        d.emails.clear();
        for (ObjectNode n : elements) {
            d.emails.add(new Email(n.get("value").asText(), n.hasNonNull("type") ? n.get("type").asText() : null,
                    n.path("primary").asBoolean(false)));
        }
    }

    /** A string attribute; JSON null and the empty string (OneLogin, JumpCloud) mean "no value". */
    static String string(JsonNode v, String attribute) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            String s = v.asText();
            return s.isEmpty() ? null : s;
        }
        if (v.isNumber()) {
            return v.asText();
        }
        throw ScimException.invalidValue(attribute + " must be a string");
    }

    /** A boolean attribute; Entra, OneLogin and JumpCloud send {@code "True"}/{@code "False"}. */
    static boolean bool(JsonNode v, String attribute) {
        if (v != null && v.isBoolean()) {
            return v.booleanValue();
        }
        if (v != null && v.isTextual()) {
            String s = v.asText().strip();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw ScimException.invalidValue(attribute + " must be a boolean");
    }

    private static boolean eqIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /** A mutable working copy; dropped when an operation fails. */
    private static final class Draft {
        String userName;
        String externalId;
        String givenName;
        String familyName;
        String formattedName;
        String displayName;
        final List<Email> emails;
        boolean active;
        String employeeNumber;
        String costCenter;
        String organization;
        String division;
        String department;
        String managerId;
        final ObjectNode profile;

        Draft(ScimUser u) {
            userName = u.userName();
            externalId = u.externalId();
            givenName = u.givenName();
            familyName = u.familyName();
            formattedName = u.formattedName();
            displayName = u.displayName();
            emails = new ArrayList<>(u.emails());
            active = u.active();
            employeeNumber = u.enterprise().employeeNumber();
            costCenter = u.enterprise().costCenter();
            organization = u.enterprise().organization();
            division = u.enterprise().division();
            department = u.enterprise().department();
            managerId = u.enterprise().managerId();
            profile = u.profile().json();
        }

        ScimUser toUser() {
            return new ScimUser(userName, externalId, givenName, familyName, formattedName, displayName, emails, active,
                    new ScimUser.Enterprise(employeeNumber, costCenter, organization, division, department, managerId),
                    new Profile(profile));
        }
    }
}
