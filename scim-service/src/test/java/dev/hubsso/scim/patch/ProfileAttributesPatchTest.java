package dev.hubsso.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import dev.hubsso.scim.users.model.Profile;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Email;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH, create and replace of the core attributes kept as the user's profile: the operations
 * Entra ID's default attribute mappings and Okta's profile push send, table-driven.
 */
class ProfileAttributesPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ScimUser ADA = new ScimUser("ada@example.com", "ext-1", "Ada", "Lovelace", null, null,
            List.of(new Email("ada@example.com", "work", true)), true, ScimUser.Enterprise.NONE, profile("""
                    {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}],
                     "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""));

    private static Profile profile(String json) {
        try {
            return new Profile((ObjectNode) JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PatchResult apply(String operations) {
        try {
            return UserPatcher.apply(ADA, JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":" + operations + "}"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** name, operations, expected changed attributes, expected profile after. */
    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("Entra adds a mobile number (creates the element)",
                        "[{\"op\":\"Add\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+1 555 0199\"}]",
                        List.of("phoneNumbers"), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true},
                          {"value":"+1 555 0199","type":"mobile"}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("Entra replaces the work number",
                        "[{\"op\":\"Replace\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].value\",\"value\":\"+1 555 0101\"}]",
                        List.of("phoneNumbers"), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0101","type":"work","primary":true}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("Entra replaces a work address part and adds another",
                        "[{\"op\":\"Replace\",\"path\":\"addresses[type eq \\\"work\\\"].streetAddress\",\"value\":\"2 Rue\"},"
                                + "{\"op\":\"Add\",\"path\":\"addresses[type eq \\\"work\\\"].postalCode\",\"value\":\"75001\"}]",
                        List.of("addresses"), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}],
                         "addresses":[{"streetAddress":"2 Rue","locality":"Paris","type":"work","postalCode":"75001"}]}"""),
                Arguments.of("Entra sets title and preferredLanguage, capitalised ops",
                        "[{\"op\":\"Replace\",\"path\":\"title\",\"value\":\"Lead\"},"
                                + "{\"op\":\"Add\",\"path\":\"preferredLanguage\",\"value\":\"fr-FR\"}]",
                        List.of("preferredLanguage", "title"), """
                        {"title":"Lead","preferredLanguage":"fr-FR",
                         "phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("path-less replace with the attributes as keys (Okta, Entra)",
                        "[{\"op\":\"replace\",\"value\":{\"title\":\"CTO\",\"locale\":\"en-GB\",\"timezone\":\"Europe/London\"}}]",
                        List.of("locale", "timezone", "title"), """
                        {"title":"CTO","locale":"en-GB","timezone":"Europe/London",
                         "phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("remove title; an empty value removes too (OneLogin)",
                        "[{\"op\":\"remove\",\"path\":\"title\"},"
                                + "{\"op\":\"replace\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].value\",\"value\":\"\"}]",
                        List.of("phoneNumbers", "title"), """
                        {"addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("remove by value filter with a sub-attribute filter of another kind",
                        "[{\"op\":\"remove\",\"path\":\"addresses[locality eq \\\"paris\\\"]\"}]",
                        List.of("addresses"), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}]}"""),
                Arguments.of("a new primary number clears the old primary",
                        "[{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":[{\"value\":\"+33 1\",\"type\":\"home\",\"primary\":\"True\"}]}]",
                        List.of("phoneNumbers"), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":false},
                          {"value":"+33 1","type":"home","primary":true}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("replace the whole list",
                        "[{\"op\":\"replace\",\"path\":\"phoneNumbers\",\"value\":[{\"value\":\"+44 2\",\"type\":\"fax\"}]}]",
                        List.of("phoneNumbers"), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+44 2","type":"fax"}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("adding what is there changes nothing",
                        "[{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":[{\"value\":\"+1 555 0100\",\"type\":\"work\"}]},"
                                + "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Engineer\"}]",
                        List.of(), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""),
                Arguments.of("removing what is not there changes nothing",
                        "[{\"op\":\"remove\",\"path\":\"phoneNumbers[type eq \\\"pager\\\"]\"},{\"op\":\"remove\",\"path\":\"nickName\"}]",
                        List.of(), """
                        {"title":"Engineer","phoneNumbers":[{"value":"+1 555 0100","type":"work","primary":true}],
                         "addresses":[{"streetAddress":"1 Main St","locality":"Paris","type":"work"}]}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void appliesAsEntraAndOktaExpect(String name, String operations, List<String> changed, String expected) {
        PatchResult r = apply(operations);
        assertEquals(changed, r.changedAttributes().stream().sorted().toList());
        assertEquals(profile(expected), r.user().profile());
        // the other attributes are untouched
        assertEquals(ADA.emails(), r.user().emails());
        assertEquals(ADA.userName(), r.user().userName());
    }

    /** operations, expected error type. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("[{\"op\":\"replace\",\"path\":\"phoneNumbers.extension\",\"value\":\"12\"}]", ScimType.INVALID_PATH),
                Arguments.of("[{\"op\":\"replace\",\"path\":\"title.value\",\"value\":\"x\"}]", ScimType.INVALID_PATH),
                Arguments.of("[{\"op\":\"replace\",\"path\":\"phoneNumbers[value sw \\\"+9\\\"].type\",\"value\":\"x\"}]",
                        ScimType.NO_TARGET),
                Arguments.of("[{\"op\":\"replace\",\"path\":\"phoneNumbers[bogus eq 1].value\",\"value\":\"x\"}]",
                        ScimType.INVALID_PATH),
                Arguments.of("[{\"op\":\"add\",\"path\":\"title\",\"value\":{\"a\":1}}]", ScimType.INVALID_VALUE),
                Arguments.of("[{\"op\":\"add\",\"path\":\"addresses\",\"value\":\"1 Main St\"}]", ScimType.INVALID_VALUE),
                Arguments.of("[{\"op\":\"add\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].primary\",\"value\":\"maybe\"}]",
                        ScimType.INVALID_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatItCannotApplyAndChangesNothing(String operations, ScimType expected) {
        ScimException e = assertThrows(ScimException.class, () -> apply(operations));
        assertEquals(expected, e.scimType(), e.getMessage());
    }

    @Test
    void aCreateBodyKeepsTheAttributesAndIgnoresUnknownSubAttributes() throws Exception {
        JsonNode body = JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"grace@example.com",
                 "title":"Admiral","locale":"en-US","nickName":"Amazing Grace","userType":"Employee",
                 "profileUrl":"https://example.com/grace","preferredLanguage":"en","timezone":"America/New_York",
                 "phoneNumbers":[{"value":"+1 555 0111","type":"mobile","extension":"9"}],
                 "addresses":[{"type":"work","formatted":"Arlington, VA","country":"US","primary":true},{"type":"home"}],
                 "ims":[{"value":"grace","type":"aim"}]}""");
        ScimUser u = UserPatcher.fromCreateBody(body);
        assertEquals(profile("""
                {"title":"Admiral","locale":"en-US","nickName":"Amazing Grace","userType":"Employee",
                 "profileUrl":"https://example.com/grace","preferredLanguage":"en","timezone":"America/New_York",
                 "phoneNumbers":[{"value":"+1 555 0111","type":"mobile"}],
                 "addresses":[{"type":"work","formatted":"Arlington, VA","country":"US","primary":true}]}"""), u.profile());
        // a PUT without them clears them (RFC 7644 §3.5.1: replace)
        ScimUser replaced = UserPatcher.fromReplaceBody(JSON.readTree("{\"userName\":\"grace@example.com\"}"), u);
        assertEquals(Profile.NONE, replaced.profile());
        assertEquals(List.of("addresses", "locale", "nickName", "phoneNumbers", "preferredLanguage", "profileUrl", "timezone",
                "title", "userType"), u.changedAttributes(replaced).stream().sorted().toList());
    }
}
