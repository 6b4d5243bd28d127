package dev.hubsso.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Email;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserPatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScimUser ADA = new ScimUser("ada@example.com", "ext-1", "Ada", "Lovelace", null, "Ada L",
            List.of(new Email("ada@example.com", "work", true)), true);

    private static JsonNode ops(String operations) {
        try {
            return JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                    + operations + "}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PatchResult apply(String operations) {
        return UserPatcher.apply(ADA, ops(operations));
    }

    /** name, operations, expected changed attributes, check on the result. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("standard replace active", "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]",
                        List.of("active"), (Predicate<ScimUser>) u -> !u.active()),
                Arguments.of("Okta path-less replace", "[{\"op\":\"replace\",\"value\":{\"active\":false}}]",
                        List.of("active"), (Predicate<ScimUser>) u -> !u.active()),
                Arguments.of("Entra Replace with string boolean",
                        "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]",
                        List.of("active"), (Predicate<ScimUser>) u -> !u.active()),
                Arguments.of("schema-qualified path",
                        "[{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User:active\",\"value\":false}]",
                        List.of("active"), (Predicate<ScimUser>) u -> !u.active()),
                Arguments.of("replace userName", "[{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"ada2@example.com\"}]",
                        List.of("userName"), (Predicate<ScimUser>) u -> u.userName().equals("ada2@example.com")),
                Arguments.of("add displayName", "[{\"op\":\"Add\",\"path\":\"displayName\",\"value\":\"Countess\"}]",
                        List.of("displayName"), (Predicate<ScimUser>) u -> u.displayName().equals("Countess")),
                Arguments.of("replace name.givenName", "[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Augusta\"}]",
                        List.of("name.givenName"), (Predicate<ScimUser>) u -> u.givenName().equals("Augusta")),
                Arguments.of("replace name.familyName", "[{\"op\":\"replace\",\"path\":\"NAME.FAMILYNAME\",\"value\":\"King\"}]",
                        List.of("name.familyName"), (Predicate<ScimUser>) u -> u.familyName().equals("King")),
                Arguments.of("replace name object merges", "[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"familyName\":\"King\"}}]",
                        List.of("name.familyName"), (Predicate<ScimUser>) u -> u.givenName().equals("Ada")),
                Arguments.of("replace externalId", "[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"ext-2\"}]",
                        List.of("externalId"), (Predicate<ScimUser>) u -> u.externalId().equals("ext-2")),
                Arguments.of("remove externalId", "[{\"op\":\"remove\",\"path\":\"externalId\"}]",
                        List.of("externalId"), (Predicate<ScimUser>) u -> u.externalId() == null),
                Arguments.of("Entra work email replace",
                        "[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"al@example.com\"}]",
                        List.of("emails"), (Predicate<ScimUser>) u -> u.emails().equals(
                                List.of(new Email("al@example.com", "work", true)))),
                Arguments.of("Entra home email add creates the entry",
                        "[{\"op\":\"Add\",\"path\":\"emails[type eq \\\"home\\\"].value\",\"value\":\"h@example.com\"}]",
                        List.of("emails"), (Predicate<ScimUser>) u -> u.emails().size() == 2
                                && u.emails().get(1).equals(new Email("h@example.com", "home", false))),
                Arguments.of("path-less dotted keys",
                        "[{\"op\":\"replace\",\"value\":{\"name.givenName\":\"K\",\"displayName\":\"KD\"}}]",
                        List.of("name.givenName", "displayName"),
                        (Predicate<ScimUser>) u -> u.givenName().equals("K") && u.displayName().equals("KD")),
                Arguments.of("path-less ignores id and meta (Okta)",
                        "[{\"op\":\"replace\",\"value\":{\"id\":\"x\",\"meta\":{},\"active\":false}}]",
                        List.of("active"), (Predicate<ScimUser>) u -> !u.active()),
                Arguments.of("password accepted, not kept",
                        "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"n3w\"}]",
                        List.of(), (Predicate<ScimUser>) u -> u.equals(ADA)),
                Arguments.of("operations apply in order",
                        "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false},{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]",
                        List.of(), (Predicate<ScimUser>) ScimUser::active),
                Arguments.of("no-op replace of the same value",
                        "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Ada L\"}]",
                        List.of(), (Predicate<ScimUser>) u -> u.equals(ADA)),
                Arguments.of("adding an existing email changes nothing",
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"ADA@example.com\",\"type\":\"work\"}]}]",
                        List.of(), (Predicate<ScimUser>) u -> u.equals(ADA)),
                Arguments.of("a new primary email takes primary from the old one",
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"p@example.com\",\"type\":\"other\",\"primary\":true}]}]",
                        List.of("emails"), (Predicate<ScimUser>) u -> u.emails().stream().filter(Email::primary).count() == 1
                                && u.emails().get(1).primary()),
                Arguments.of("replace with a co filter (any operator in a path)",
                        "[{\"op\":\"replace\",\"path\":\"emails[type co \\\"w\\\"].value\",\"value\":\"x@example.com\"}]",
                        List.of("emails"), (Predicate<ScimUser>) u -> u.emails().equals(
                                List.of(new Email("x@example.com", "work", true)))),
                Arguments.of("remove emails by filter",
                        "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\"]\"}]",
                        List.of("emails"), (Predicate<ScimUser>) u -> u.emails().isEmpty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void appliesShape(String name, String operations, List<String> changed, Predicate<ScimUser> check) {
        PatchResult r = apply(operations);
        assertEquals(changed, r.changedAttributes());
        assertTrue(check.test(r.user()), () -> "unexpected result " + r.user());
    }

    /** name, operations, expected scimType. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("unknown op", "[{\"op\":\"upsert\",\"path\":\"active\",\"value\":false}]", "invalidSyntax"),
                Arguments.of("missing op", "[{\"path\":\"active\",\"value\":false}]", "invalidSyntax"),
                Arguments.of("no operations", "[]", "invalidSyntax"),
                Arguments.of("operation not an object", "[\"replace\"]", "invalidSyntax"),
                Arguments.of("replace without value", "[{\"op\":\"replace\",\"path\":\"active\"}]", "invalidSyntax"),
                Arguments.of("unknown path", "[{\"op\":\"replace\",\"path\":\"nickName2\",\"value\":\"x\"}]", "invalidPath"),
                Arguments.of("garbage path", "[{\"op\":\"replace\",\"path\":\"a b[\",\"value\":\"x\"}]", "invalidPath"),
                Arguments.of("unknown extension", "[{\"op\":\"replace\",\"path\":\"urn:x:y:employeeNumber\",\"value\":\"1\"}]", "invalidPath"),
                Arguments.of("unknown key in path-less value", "[{\"op\":\"replace\",\"value\":{\"ims\":\"x\"}}]", "invalidPath"),
                Arguments.of("remove without path", "[{\"op\":\"remove\"}]", "noTarget"),
                Arguments.of("Remove without path, capitalised", "[{\"op\":\"Remove\",\"value\":{\"active\":false}}]", "noTarget"),
                Arguments.of("bad boolean", "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]", "invalidValue"),
                Arguments.of("empty userName", "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"\"}]", "invalidValue"),
                Arguments.of("remove userName", "[{\"op\":\"remove\",\"path\":\"userName\"}]", "invalidValue"),
                Arguments.of("object for a string", "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":{\"a\":1}}]", "invalidValue"),
                Arguments.of("path-less value not an object", "[{\"op\":\"replace\",\"value\":false}]", "invalidValue"),
                Arguments.of("read-only id", "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]", "mutability"),
                Arguments.of("read-only groups", "[{\"op\":\"add\",\"path\":\"groups\",\"value\":[]}]", "mutability"),
                Arguments.of("read-only hub username",
                        "[{\"op\":\"replace\",\"path\":\"urn:hub:scim:schemas:extension:account:2.0:User:username\",\"value\":\"x\"}]",
                        "mutability"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String name, String operations, String scimType) {
        ScimException e = assertThrows(ScimException.class, () -> apply(operations));
        assertEquals(400, e.status());
        assertEquals(scimType, e.scimType().keyword());
    }

    @Test
    void aFailingOperationLeavesTheInputUntouched() {
        assertThrows(ScimException.class, () -> apply("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                + "{\"op\":\"replace\",\"path\":\"bogus\",\"value\":1}]"));
        assertTrue(ADA.active());
    }

    // ------------------------------------------------------------------ value filters in paths

    private static final Email WORK = new Email("bob@example.com", "work", true);
    private static final Email HOME = new Email("bob@home.org", "home", false);
    /** An address with a quote and a bracket, and no type. */
    private static final Email ODD = new Email("b\"q]@odd.org", null, false);
    private static final ScimUser BOB = new ScimUser("bob@example.com", null, "Bob", null, null, null,
            List.of(WORK, HOME, ODD), true);

    /** One operation as JSON; the path is a plain Java string, so filters need no JSON escaping. */
    private static String op(String op, String path, Object value) {
        ObjectNode o = JSON.createObjectNode().put("op", op).put("path", path);
        if (value != null) {
            o.set("value", JSON.valueToTree(value));
        }
        return o.toString();
    }

    private static JsonNode body(String... operations) {
        return ops("[" + String.join(",", operations) + "]");
    }

    /** name, one operation, the emails after it (RFC 7644 §3.4.2.2 filters inside PATCH paths). */
    static Stream<Arguments> valueFilters() {
        return Stream.of(
                Arguments.of("ne", op("remove", "emails[type ne \"work\"]", null), List.of(WORK, ODD)),
                Arguments.of("co, replacing a sub-attribute", op("replace", "emails[value co \"home\"].type", "personal"),
                        List.of(WORK, new Email("bob@home.org", "personal", false), ODD)),
                Arguments.of("sw, case-insensitive (emails.value is not caseExact)",
                        op("remove", "emails[value sw \"BOB@\"]", null), List.of(ODD)),
                Arguments.of("ew", op("remove", "emails[value ew \"@odd.org\"]", null), List.of(WORK, HOME)),
                Arguments.of("eq compares per caseExact", op("remove", "emails[value eq \"BOB@HOME.ORG\"]", null),
                        List.of(WORK, ODD)),
                Arguments.of("pr", op("remove", "emails[type pr]", null), List.of(ODD)),
                Arguments.of("eq null is absent", op("replace", "emails[type eq null].type", "other"),
                        List.of(WORK, HOME, new Email(ODD.value(), "other", false))),
                Arguments.of("not", op("remove", "emails[not (type eq \"work\")]", null), List.of(WORK)),
                Arguments.of("or", op("remove", "emails[type eq \"home\" or type eq \"work\"]", null), List.of(ODD)),
                Arguments.of("and, replacing the address",
                        op("replace", "emails[type eq \"work\" and primary eq true].value", "new@example.com"),
                        List.of(new Email("new@example.com", "work", true), HOME, ODD)),
                Arguments.of("and binds tighter than or",
                        op("remove", "emails[value co \"home\" or type eq \"work\" and value co \"zzz\"]", null),
                        List.of(WORK, ODD)),
                Arguments.of("parentheses group",
                        op("remove", "emails[(value co \"home\" or type eq \"work\") and value co \"zzz\"]", null),
                        List.of(WORK, HOME, ODD)),
                Arguments.of("boolean literal", op("remove", "emails[primary eq true]", null), List.of(HOME, ODD)),
                Arguments.of("boolean false, replacing a sub-attribute of every match",
                        op("replace", "emails[primary eq false].type", "other"),
                        List.of(WORK, new Email("bob@home.org", "other", false), new Email(ODD.value(), "other", false))),
                Arguments.of("a quote and a bracket inside the string",
                        op("remove", "emails[value eq \"b\\\"q]@odd.org\"]", null), List.of(WORK, HOME)),
                Arguments.of("a \\u escape", op("remove", "emails[value eq \"bob\\u0040home.org\"]", null),
                        List.of(WORK, ODD)),
                Arguments.of("keywords and names in any case, capitalised op",
                        op("Remove", "EMAILS[Type EQ \"home\" OR type eq \"WORK\"]", null), List.of(ODD)),
                Arguments.of("schema-qualified path with a filter and a sub-attribute",
                        op("replace", "urn:ietf:params:scim:schemas:core:2.0:User:emails[type ne \"work\" and type pr].primary", true),
                        List.of(new Email("bob@example.com", "work", false), new Email("bob@home.org", "home", true), ODD)),
                Arguments.of("add merges into every match", op("add", "emails[value co \"bob\"]", Map.of("type", "x")),
                        List.of(new Email("bob@example.com", "x", true), new Email("bob@home.org", "x", false), ODD)),
                Arguments.of("remove matching nothing changes nothing",
                        op("remove", "emails[value co \"zzz\" or type eq \"nope\"]", null), List.of(WORK, HOME, ODD)),
                Arguments.of("Entra plain type eq still creates the missing entry",
                        op("add", "emails[type eq \"other\"].value", "o@example.com"),
                        List.of(WORK, HOME, ODD, new Email("o@example.com", "other", false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueFilters")
    void appliesValueFilter(String name, String operation, List<Email> emails) {
        PatchResult r = UserPatcher.apply(BOB, body(operation));
        assertEquals(emails, r.user().emails());
        assertEquals(emails.equals(BOB.emails()) ? List.of() : List.of("emails"), r.changedAttributes());
    }

    /** name, one operation, expected scimType. */
    static Stream<Arguments> badValueFilters() {
        return Stream.of(
                Arguments.of("operator without value", op("remove", "emails[type eq]", null), "invalidPath"),
                Arguments.of("unknown operator", op("remove", "emails[type xx \"w\"]", null), "invalidPath"),
                Arguments.of("empty brackets", op("remove", "emails[]", null), "invalidPath"),
                Arguments.of("unclosed bracket", op("remove", "emails[type eq \"work\"", null), "invalidPath"),
                Arguments.of("unclosed string", op("remove", "emails[type eq \"work]", null), "invalidPath"),
                Arguments.of("unbalanced parenthesis", op("remove", "emails[(type eq \"work\"]", null), "invalidPath"),
                Arguments.of("nested value filter", op("remove", "emails[emails[type eq \"w\"]]", null), "invalidPath"),
                Arguments.of("text after the bracket", op("remove", "emails[type eq \"work\"]x", null), "invalidPath"),
                Arguments.of("two brackets", op("remove", "emails[type eq \"work\"][primary eq true]", null), "invalidPath"),
                Arguments.of("bad escape", op("remove", "emails[value eq \"a\\qb\"]", null), "invalidPath"),
                Arguments.of("unknown sub-attribute", op("remove", "emails[display eq \"x\"]", null), "invalidPath"),
                Arguments.of("a qualified name inside", op("remove", "emails[emails.value eq \"x\"]", null), "invalidPath"),
                Arguments.of("gt on a boolean", op("remove", "emails[primary gt true]", null), "invalidPath"),
                Arguments.of("number for a string", op("remove", "emails[value eq 1]", null), "invalidPath"),
                Arguments.of("string for a boolean", op("remove", "emails[primary eq \"yes\"]", null), "invalidPath"),
                Arguments.of("filter on a single-valued attribute", op("replace", "name[givenName eq \"Bob\"]", "x"),
                        "invalidPath"),
                Arguments.of("replace matching nothing",
                        op("replace", "emails[value co \"zzz\"].value", "z@example.com"), "noTarget"),
                Arguments.of("add matching nothing (not a plain type eq)",
                        op("add", "emails[type eq \"other\" and primary eq true].value", "z@example.com"), "noTarget"),
                Arguments.of("replace by value matching nothing", op("replace", "emails[value eq \"z@example.com\"]",
                        Map.of("value", "z@example.com", "type", "work")), "noTarget"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValueFilters")
    void rejectsValueFilter(String name, String operation, String scimType) {
        ScimException e = assertThrows(ScimException.class, () -> UserPatcher.apply(BOB, body(operation)));
        assertEquals(400, e.status());
        assertEquals(scimType, e.scimType().keyword());
    }

    @Test
    void anInvalidFilterInALaterOperationAppliesNothing() {
        // the first operation alone would change the work address; the second fails when bound
        JsonNode patch = body(op("replace", "emails[type eq \"work\"].value", "new@example.com"),
                op("remove", "emails[nickName eq \"x\"]", null));
        ScimException e = assertThrows(ScimException.class, () -> UserPatcher.apply(BOB, patch));
        assertEquals("invalidPath", e.scimType().keyword());
        // a failing operation must not have touched the copy any later caller sees
        assertEquals(List.of(WORK, HOME, ODD), BOB.emails());
        assertEquals(List.of(new Email("new@example.com", "work", true), HOME, ODD),
                UserPatcher.apply(BOB, body(op("replace", "emails[type eq \"work\"].value", "new@example.com")))
                        .user().emails());
    }

    @Test
    void createBodyIgnoresReadOnlyAndUnknownAttributesAndKeepsTheEnterpriseExtension() throws Exception {
        ScimUser u = UserPatcher.fromCreateBody(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"x","meta":{"created":"x"},
                 "groups":[],"x509Certificates":[{"value":"MII"}],"password":"pw","userName":"u@example.com","externalId":"",
                 "urn:hub:scim:schemas:extension:account:2.0:User":{"username":"chosen"},
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"1"},
                 "name":{"givenName":"U","familyName":""},"active":"",
                 "emails":[{"value":"u@example.com","primary":true},{"value":"","type":"home"}]}"""));
        // the Enterprise User extension is writable; the hub account extension is read-only
        assertEquals(new ScimUser("u@example.com", null, "U", null, null, null,
                List.of(new Email("u@example.com", null, true)), true,
                new ScimUser.Enterprise("1", null, null, null, null, null)), u);
        assertFalse(u.toString().contains("pw"));
    }
}
