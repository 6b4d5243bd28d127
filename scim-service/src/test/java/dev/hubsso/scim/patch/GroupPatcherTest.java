package dev.hubsso.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.groups.model.ScimGroup;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Group PATCH shape of SCIM.md (Entra ID, Okta, RFC 7644 §3.5.2), one table. */
class GroupPatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    private static final UUID GROUP_ID = UUID.fromString("00000000-0000-4000-8000-0000000000f0");
    private static final ScimGroup ENG = new ScimGroup("Engineering", "ext-eng", List.of(A, B));

    private static JsonNode ops(String operations) {
        try {
            return JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                    + operations + "}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String m(UUID id) {
        return "{\"value\":\"" + id + "\"}";
    }

    /** name, operations, expected group after them. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("Okta add members with display",
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + C + "\",\"display\":\"Carl\"}]}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(A, B, C))),
                Arguments.of("Entra Add members, capitalised",
                        "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + m(C) + "]}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(A, B, C))),
                Arguments.of("add an existing member changes nothing",
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + m(A) + "]}]", ENG),
                Arguments.of("Entra Remove with a value list removes only those",
                        "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[" + m(A) + "]}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(B))),
                Arguments.of("remove members[value eq id]",
                        "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + B + "\\\"]\"}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(A))),
                Arguments.of("remove of a non-member by filter changes nothing",
                        "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + C + "\\\"]\"}]", ENG),
                Arguments.of("remove members without value empties the group",
                        "[{\"op\":\"remove\",\"path\":\"members\"}]", new ScimGroup("Engineering", "ext-eng", List.of())),
                Arguments.of("Okta replace members [...]",
                        "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[" + m(C) + "," + m(B) + "]}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(B, C))),
                Arguments.of("Okta replace members [] empties the group",
                        "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]",
                        new ScimGroup("Engineering", "ext-eng", List.of())),
                Arguments.of("Okta path-less rename carrying the group's own id",
                        "[{\"op\":\"replace\",\"value\":{\"id\":\"" + GROUP_ID + "\",\"displayName\":\"Eng\"}}]",
                        new ScimGroup("Eng", "ext-eng", List.of(A, B))),
                Arguments.of("Entra Replace displayName by path",
                        "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"R&D\"}]",
                        new ScimGroup("R&D", "ext-eng", List.of(A, B))),
                Arguments.of("schema-qualified path",
                        "[{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:Group:displayName\",\"value\":\"X\"}]",
                        new ScimGroup("X", "ext-eng", List.of(A, B))),
                Arguments.of("path-less add of members",
                        "[{\"op\":\"add\",\"value\":{\"members\":[" + m(C) + "]}}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(A, B, C))),
                Arguments.of("replace externalId and remove it again, in order",
                        "[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"x2\"},{\"op\":\"remove\",\"path\":\"externalId\"}]",
                        new ScimGroup("Engineering", null, List.of(A, B))),
                Arguments.of("replace a selected member",
                        "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + A + "\\\"].value\",\"value\":\"" + C + "\"}]",
                        new ScimGroup("Engineering", "ext-eng", List.of(B, C))),
                Arguments.of("upper-case ids are the same users",
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + A.toString().toUpperCase() + "\"}]}]",
                        ENG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void shape(String name, String operations, ScimGroup expected) {
        assertEquals(expected, GroupPatcher.apply(ENG, ops(operations)));
    }

    /** name, operations, expected scimType. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("remove without path", "[{\"op\":\"remove\"}]", "noTarget"),
                Arguments.of("unknown attribute", "[{\"op\":\"replace\",\"path\":\"owner\",\"value\":\"x\"}]", "invalidPath"),
                Arguments.of("read-only id by path", "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]", "mutability"),
                Arguments.of("read-only member display",
                        "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + A + "\\\"].display\",\"value\":\"x\"}]",
                        "mutability"),
                Arguments.of("remove the required displayName", "[{\"op\":\"remove\",\"path\":\"displayName\"}]", "invalidValue"),
                Arguments.of("empty displayName", "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\"}]", "invalidValue"),
                Arguments.of("member id that is no user id",
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"bob\"}]}]", "invalidValue"),
                Arguments.of("member without value",
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":\"Bob\"}]}]", "invalidValue"),
                Arguments.of("a group as member",
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + C + "\",\"type\":\"Group\"}]}]",
                        "invalidValue"),
                Arguments.of("replace of a selected non-member",
                        "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + C + "\\\"]\",\"value\":" + m(B) + "}]",
                        "noTarget"),
                Arguments.of("filter on display", "[{\"op\":\"remove\",\"path\":\"members[display eq \\\"x\\\"]\"}]",
                        "invalidPath"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void error(String name, String operations, String scimType) {
        ScimException e = assertThrows(ScimException.class, () -> GroupPatcher.apply(ENG, ops(operations)));
        assertEquals(scimType, e.scimType().keyword());
    }

    @Test
    void aFailingOperationLeavesNothingApplied() {
        ScimGroup current = ENG;
        assertThrows(ScimException.class, () -> GroupPatcher.apply(current, ops("[{\"op\":\"add\",\"path\":\"members\","
                + "\"value\":[" + m(C) + "]},{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]")));
        assertEquals(new ScimGroup("Engineering", "ext-eng", List.of(A, B)), current);
    }

    // ------------------------------------------------------------------ value filters in paths

    /** Operations of one {@code op} on {@code members[filter]}; the filter is a plain Java string. */
    private static String members(String op, String filter, String value) {
        return "[" + member(op, filter, value) + "]";
    }

    private static String member(String op, String filter, String value) {
        ObjectNode o = JSON.createObjectNode().put("op", op).put("path", "members[" + filter + "]");
        if (value != null) {
            try {
                o.set("value", JSON.readTree(value));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        return o.toString();
    }

    private static String q(UUID id) {
        return "\"" + id + "\"";
    }

    /** name, operations, members after them. */
    static Stream<Arguments> valueFilters() {
        return Stream.of(
                Arguments.of("remove value eq a or value eq b", members("remove", "value eq " + q(A) + " or value eq " + q(B), null),
                        List.of()),
                Arguments.of("remove ne", members("remove", "value ne " + q(A), null), List.of(A)),
                Arguments.of("remove ew", members("remove", "value ew \"0b\"", null), List.of(A)),
                Arguments.of("remove sw (every member)", members("remove", "value sw \"00000000-\"", null), List.of()),
                Arguments.of("remove co", members("remove", "value co \"00a\"", null), List.of(B)),
                Arguments.of("remove not (...)", members("remove", "not (value eq " + q(A) + ")", null), List.of(A)),
                Arguments.of("remove pr", members("remove", "value pr", null), List.of()),
                Arguments.of("remove by type", members("remove", "type eq \"user\" and value eq " + q(B), null), List.of(A)),
                Arguments.of("grouping", members("remove", "(value eq " + q(A) + " or value eq " + q(B) + ") and value ne " + q(B), null),
                        List.of(B)),
                Arguments.of("member ids are caseExact: an upper-case id selects nobody",
                        members("remove", "value eq \"" + A.toString().toUpperCase() + "\"", null), List.of(A, B)),
                Arguments.of("remove matching nothing changes nothing", members("remove", "value eq " + q(C) + " or value co \"zz\"", null),
                        List.of(A, B)),
                Arguments.of("replace every selected member by one",
                        members("replace", "value eq " + q(A) + " or value eq " + q(B), m(C)), List.of(C)),
                Arguments.of("replace a selected member's value", "[{\"op\":\"Replace\",\"path\":\"members[value ne "
                        + q(A).replace("\"", "\\\"") + "].value\",\"value\":\"" + C + "\"}]", List.of(A, C)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueFilters")
    void valueFilter(String name, String operations, List<UUID> members) {
        assertEquals(new ScimGroup("Engineering", "ext-eng", members), GroupPatcher.apply(ENG, ops(operations)));
    }

    /** name, operations, expected scimType. */
    static Stream<Arguments> badValueFilters() {
        return Stream.of(
                Arguments.of("dangling and", members("remove", "value eq " + q(A) + " and", null), "invalidPath"),
                Arguments.of("gt on a number literal for an id", members("remove", "value gt 1", null), "invalidPath"),
                Arguments.of("unknown sub-attribute", members("remove", "name eq \"x\"", null), "invalidPath"),
                Arguments.of("$ref is not kept here", members("remove", "$ref eq \"x\"", null), "invalidPath"),
                Arguments.of("display under or", members("remove", "value eq " + q(A) + " or display eq \"x\"", null), "invalidPath"),
                Arguments.of("unterminated string", members("remove", "value eq \"abc", null), "invalidPath"),
                Arguments.of("replace matching nothing", members("replace", "value co \"zz\"", m(C)), "noTarget"),
                Arguments.of("add matching nothing", members("add", "value eq " + q(C), m(C)), "noTarget"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValueFilters")
    void badValueFilter(String name, String operations, String scimType) {
        ScimException e = assertThrows(ScimException.class, () -> GroupPatcher.apply(ENG, ops(operations)));
        assertEquals(400, e.status());
        assertEquals(scimType, e.scimType().keyword());
    }

    @Test
    void anInvalidFilterAfterAValidRemoveAppliesNothing() {
        String both = "[" + member("remove", "value eq " + q(A), null) + ","
                + member("remove", "value eq " + q(B) + " and nope pr", null) + "]";
        ScimException e = assertThrows(ScimException.class, () -> GroupPatcher.apply(ENG, ops(both)));
        assertEquals("invalidPath", e.scimType().keyword());
        assertEquals(List.of(A, B), ENG.members());
        // the first operation alone does apply
        assertEquals(List.of(B), GroupPatcher.apply(ENG, ops(members("remove", "value eq " + q(A), null))).members());
    }

    @Test
    void createBodyIgnoresReadOnlyAndRequiresDisplayName() throws Exception {
        ScimGroup g = GroupPatcher.fromBody(JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"id\":\"mine\",\"meta\":{},\"displayName\":\"Ops\",\"externalId\":\"e1\",\"unknown\":1,"
                + "\"members\":[" + m(B) + "," + m(A) + "," + m(B) + "]}"));
        assertEquals(new ScimGroup("Ops", "e1", List.of(A, B)), g);
        ScimException e = assertThrows(ScimException.class, () -> GroupPatcher.fromBody(JSON.readTree("{\"members\":[]}")));
        assertEquals("invalidValue", e.scimType().keyword());
    }

    @Test
    void membershipsCompareAsSets() {
        assertEquals(List.of(), new ScimGroup("x", null, List.of(B, A)).changedAttributes(new ScimGroup("x", null, List.of(A, B))));
        assertEquals(List.of("members"), ENG.changedAttributes(new ScimGroup("Engineering", "ext-eng", List.of(A))));
    }
}
