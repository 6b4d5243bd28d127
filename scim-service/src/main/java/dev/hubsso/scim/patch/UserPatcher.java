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
import dev.hubsso.scim.patch.AttributeDispatch.Mode;
import dev.hubsso.scim.patch.PatchOperation.Op;
import dev.hubsso.scim.schema.ScimSchemas;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Email;
import dev.hubsso.scim.users.model.Profile;
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
                    ProfileAttributes.apply(d.profile, op, p, value, mode);
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

    private static void emails(Draft d, Op op, AttributePath p, JsonNode value) {
        String sub = p.subAttribute();
        if (sub != null && !sub.equals("value") && !sub.equals("type") && !sub.equals("primary")) {
            throw ScimException.invalidPath("unknown sub-attribute of emails: " + p.text());
        }
        if (!p.hasFilter() && sub == null) {
            wholeEmails(d, op, value);
            return;
        }
        BoundFilter filter = p.hasFilter() ? p.elementFilter(ScimSchemas.USERS) : null;
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < d.emails.size(); i++) {
            if (filter == null || FilterEvaluator.matchesElement(filter, element(d.emails.get(i)))) {
                targets.add(i);
            }
        }
        if (op == Op.REMOVE) {
            // removing what is not there changes nothing: IdPs retry removes
            for (int i = targets.size() - 1; i >= 0; i--) {
                int at = targets.get(i);
                Email e = d.emails.get(at);
                if (sub == null || sub.equals("value")) {
                    d.emails.remove(at);
                } else if (sub.equals("type")) {
                    d.emails.set(at, new Email(e.value(), null, e.primary()));
                } else {
                    d.emails.set(at, new Email(e.value(), e.type(), false));
                }
            }
            return;
        }
        JsonNode entry;
        if (sub == null) {
            if (!value.isObject()) {
                throw ScimException.invalidValue("an email entry must be an object");
            }
            entry = value;
        } else {
            entry = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().set(sub, value);
        }
        if (targets.isEmpty()) {
            create(d, p, entry);
            return;
        }
        for (int i = targets.size() - 1; i >= 0; i--) {
            int at = targets.get(i);
            Email merged = merge(d.emails.get(at), entry);
            if (merged == null) {
                d.emails.remove(at);
            } else {
                d.emails.set(at, merged);
                if (merged.primary()) {
                    clearOtherPrimaries(d, merged);
                }
            }
        }
    }

    /**
     * An add or replace whose path selects no email. Entra's {@code emails[type eq "work"].value}
     * (and {@code emails.value} on a user without emails) creates the entry; any other value
     * filter that matches nothing is 400 {@code noTarget} (RFC 7644 §3.5.2.3).
     */
    private static void create(Draft d, AttributePath p, JsonNode entry) {
        String type = null;
        if (p.hasFilter()) {
            type = p.plainEquals("type");
            if (type == null) {
                throw ScimException.noTarget("no email matches " + p.text());
            }
        }
        Email created = email(entry);
        if (created == null) {
            if (p.subAttribute() != null && !p.subAttribute().equals("value")) {
                throw ScimException.noTarget("no email matches " + p.text());
            }
            // an empty address for an email that is not there: nothing to create, nothing to clear
            return;
        }
        if (created.type() == null) {
            created = new Email(created.value(), type, created.primary());
        }
        boolean primary = created.primary() || d.emails.isEmpty();
        addEmail(d, new Email(created.value(), created.type(), primary));
    }

    /** An email as its SCIM JSON element, what value filters are evaluated against. */
    private static JsonNode element(Email e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("value", e.value());
        if (e.type() != null) {
            n.put("type", e.type());
        }
        n.put("primary", e.primary());
        return n;
    }

    private static void wholeEmails(Draft d, Op op, JsonNode value) {
        if (op == Op.REMOVE || value.isNull()) {
            d.emails.clear();
            return;
        }
        List<Email> incoming = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode n : value) {
                if (!n.isObject()) {
                    throw ScimException.invalidValue("each email must be an object");
                }
                Email e = email(n);
                if (e != null) {
                    incoming.add(e);
                }
            }
        } else if (value.isObject()) {
            Email e = email(value);
            if (e != null) {
                incoming.add(e);
            }
        } else {
            throw ScimException.invalidValue("emails must be an array of objects");
        }
        if (op == Op.REPLACE) {
            d.emails.clear();
        }
        for (Email e : incoming) {
            addEmail(d, e);
        }
    }

    /** Adds an email; an equal address of the same type is merged, so adding it twice changes nothing. */
    private static void addEmail(Draft d, Email e) {
        for (int i = 0; i < d.emails.size(); i++) {
            Email existing = d.emails.get(i);
            if (existing.value().equalsIgnoreCase(e.value()) && eqIgnoreCase(existing.type(), e.type())) {
                Email merged = new Email(existing.value(), existing.type(), existing.primary() || e.primary());
                d.emails.set(i, merged);
                if (merged.primary()) {
                    clearOtherPrimaries(d, merged);
                }
                return;
            }
        }
        d.emails.add(e);
        if (e.primary()) {
            clearOtherPrimaries(d, e);
        }
    }

    private static void clearOtherPrimaries(Draft d, Email keep) {
        for (int i = 0; i < d.emails.size(); i++) {
            Email e = d.emails.get(i);
            if (e != keep && e.primary()) {
                d.emails.set(i, new Email(e.value(), e.type(), false));
            }
        }
    }

    /** An email from an object node; null when it has no address. */
    private static Email email(JsonNode n) {
        String value = null;
        String type = null;
        boolean primary = false;
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            switch (f.getKey().toLowerCase(Locale.ROOT)) {
                case "value" -> value = string(f.getValue(), "emails.value");
                case "type" -> type = string(f.getValue(), "emails.type");
                case "primary" -> primary = !f.getValue().isNull() && bool(f.getValue(), "emails.primary");
                default -> {
                    // display and unknown sub-attributes are not kept
                }
            }
        }
        return value == null ? null : new Email(value, type, primary);
    }

    /** An existing email with the sub-attributes of {@code n} replaced; null when its address was emptied. */
    private static Email merge(Email e, JsonNode n) {
        String value = e.value();
        String type = e.type();
        boolean primary = e.primary();
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            switch (f.getKey().toLowerCase(Locale.ROOT)) {
                case "value" -> value = string(f.getValue(), "emails.value");
                case "type" -> type = string(f.getValue(), "emails.type");
                case "primary" -> primary = !f.getValue().isNull() && bool(f.getValue(), "emails.primary");
                default -> {
                }
            }
        }
        return value == null ? null : new Email(value, type, primary);
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
