package dev.hubsso.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.UserFilter.Attribute;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserFilterParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("userName eq \"bjensen\"", Attribute.USER_NAME, "bjensen"),
                Arguments.of("USERNAME EQ \"bjensen\"", Attribute.USER_NAME, "bjensen"),
                Arguments.of("  userName   eq   \"a b\"  ", Attribute.USER_NAME, "a b"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"", Attribute.USER_NAME, "x"),
                Arguments.of("userName eq \"quo\\\"te\\\\back\"", Attribute.USER_NAME, "quo\"te\\back"),
                Arguments.of("userName eq \"\\u00e9t\\u00E9\"", Attribute.USER_NAME, "été"),
                Arguments.of("userName eq \"\"", Attribute.USER_NAME, ""),
                Arguments.of("externalId eq \"6c5bb468-14b2-4183-baf2-06d523e03bd3\"", Attribute.EXTERNAL_ID,
                        "6c5bb468-14b2-4183-baf2-06d523e03bd3"),
                Arguments.of("externalid eq \"a]b(c)\"", Attribute.EXTERNAL_ID, "a]b(c)"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(String filter, Attribute attribute, String value) {
        assertEquals(new UserFilter(attribute, value), UserFilterParser.parse(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "userName", "userName eq", "userName eq bjensen", "userName ne \"x\"",
            "userName co \"x\"", "displayName eq \"x\"", "emails.value eq \"x\"", "userName eq \"x\" and active eq true",
            "userName eq \"x\" or userName eq \"y\"", "(userName eq \"x\")", "userName eq \"unterminated",
            "userName eq \"bad\\q\"", "userName eq \"\\u12\"", "userNameeq\"x\"", "not (userName eq \"x\")"})
    void rejectsWithInvalidFilter(String filter) {
        ScimException e = assertThrows(ScimException.class, () -> UserFilterParser.parse(filter));
        assertEquals(400, e.status());
        assertEquals("invalidFilter", e.scimType().keyword());
    }
}
