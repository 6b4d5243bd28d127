package dev.hubsso.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Enterprise;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Enterprise User extension in PATCH, create and PUT bodies, in the forms Entra ID sends. */
class EnterpriseUserPatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final Enterprise BEFORE = new Enterprise("701", "CC1", "Org", "Div", "Dept", "mgr-1");
    private static final ScimUser ADA = new ScimUser("ada@example.com", null, "Ada", null, null, null, List.of(), true, BEFORE);

    private static JsonNode ops(String operations) {
        try {
            return JSON.readTree("{\"Operations\":" + operations + "}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** name, operations, the extension after them, the changed attributes. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("replace employeeNumber by its full path",
                        "[{\"op\":\"Replace\",\"path\":\"" + ENT + ":employeeNumber\",\"value\":\"702\"}]",
                        new Enterprise("702", "CC1", "Org", "Div", "Dept", "mgr-1"), List.of(ENT + ":employeeNumber")),
                Arguments.of("Entra path-less replace with dotted keys",
                        "[{\"op\":\"replace\",\"value\":{\"name.givenName\":\"K\",\"" + ENT + ":department\":\"R&D\","
                                + "\"" + ENT + ":costCenter\":\"CC9\"}}]",
                        new Enterprise("701", "CC9", "Org", "Div", "R&D", "mgr-1"),
                        List.of("name.givenName", ENT + ":costCenter", ENT + ":department")),
                Arguments.of("manager as {value}",
                        "[{\"op\":\"Add\",\"path\":\"" + ENT + ":manager\",\"value\":{\"value\":\"mgr-2\"}}]",
                        new Enterprise("701", "CC1", "Org", "Div", "Dept", "mgr-2"), List.of(ENT + ":manager")),
                Arguments.of("manager as [{value}]",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager\",\"value\":[{\"value\":\"mgr-3\"}]}]",
                        new Enterprise("701", "CC1", "Org", "Div", "Dept", "mgr-3"), List.of(ENT + ":manager")),
                Arguments.of("manager as a bare string",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager\",\"value\":\"mgr-4\"}]",
                        new Enterprise("701", "CC1", "Org", "Div", "Dept", "mgr-4"), List.of(ENT + ":manager")),
                Arguments.of("manager removed with {value: \"\"}",
                        "[{\"op\":\"Replace\",\"path\":\"" + ENT + ":manager\",\"value\":{\"value\":\"\"}}]",
                        new Enterprise("701", "CC1", "Org", "Div", "Dept", null), List.of(ENT + ":manager")),
                Arguments.of("manager.value by path",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager.value\",\"value\":\"mgr-5\"}]",
                        new Enterprise("701", "CC1", "Org", "Div", "Dept", "mgr-5"), List.of(ENT + ":manager")),
                Arguments.of("remove division",
                        "[{\"op\":\"remove\",\"path\":\"" + ENT + ":division\"}]",
                        new Enterprise("701", "CC1", "Org", null, "Dept", "mgr-1"), List.of(ENT + ":division")),
                Arguments.of("replace of the extension object merges the attributes it names",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + "\",\"value\":{\"organization\":\"Org2\"}}]",
                        new Enterprise("701", "CC1", "Org2", "Div", "Dept", "mgr-1"), List.of(ENT + ":organization")),
                Arguments.of("path-less value with the extension object, lowercase URN",
                        "[{\"op\":\"add\",\"value\":{\"" + ENT.toLowerCase() + "\":{\"employeeNumber\":\"9\"}}}]",
                        new Enterprise("9", "CC1", "Org", "Div", "Dept", "mgr-1"), List.of(ENT + ":employeeNumber")),
                Arguments.of("the same value again changes nothing",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":employeeNumber\",\"value\":\"701\"}]",
                        BEFORE, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void shape(String name, String operations, Enterprise expected, List<String> changed) {
        PatchResult r = UserPatcher.apply(ADA, ops(operations));
        assertEquals(expected, r.user().enterprise());
        assertEquals(changed, r.changedAttributes());
    }

    /** name, operations, expected scimType. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("unknown enterprise attribute",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":badge\",\"value\":\"x\"}]", "invalidPath"),
                Arguments.of("two managers",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager\",\"value\":[{\"value\":\"a\"},{\"value\":\"b\"}]}]",
                        "invalidValue"),
                Arguments.of("read-only manager.$ref",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager.$ref\",\"value\":\"x\"}]", "invalidPath"),
                Arguments.of("a number that is no string is fine, an object is not",
                        "[{\"op\":\"replace\",\"path\":\"" + ENT + ":costCenter\",\"value\":{\"a\":1}}]", "invalidValue"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void error(String name, String operations, String scimType) {
        ScimException e = assertThrows(ScimException.class, () -> UserPatcher.apply(ADA, ops(operations)));
        assertEquals(scimType, e.scimType().keyword());
    }

    @Test
    void createAndPutBodiesCarryTheExtensionObject() throws Exception {
        JsonNode body = JSON.readTree("{\"userName\":\"ada\",\"" + ENT + "\":{\"employeeNumber\":\"1\",\"costCenter\":\"\","
                + "\"manager\":{\"value\":\"m\",\"displayName\":\"ignored\"},\"unknown\":true}}");
        assertEquals(new Enterprise("1", null, null, null, null, "m"), UserPatcher.fromCreateBody(body).enterprise());
        // a PUT without the extension clears it
        assertEquals(Enterprise.NONE, UserPatcher.fromReplaceBody(JSON.readTree("{\"userName\":\"ada\"}"), ADA).enterprise());
    }
}
