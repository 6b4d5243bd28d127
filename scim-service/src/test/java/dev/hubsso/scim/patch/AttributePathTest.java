package dev.hubsso.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.FilterPrinter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PATCH paths (RFC 7644 §3.5.2): every shape of SCIM.md, and value filters in the full filter grammar. */
class AttributePathTest {

    private static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** How a parsed path reads: {@code schema|attribute|printed filter|sub}, "-" for null. */
    private static String describe(AttributePath p) {
        return (p.schema() == null ? "-" : p.schema()) + "|" + (p.attribute() == null ? "-" : p.attribute()) + "|"
                + (p.filter() == null ? "-" : FilterPrinter.print(p.filter())) + "|"
                + (p.subAttribute() == null ? "-" : p.subAttribute());
    }

    /** path as sent, how it parses. */
    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("active", "-|active|-|-"),
                Arguments.of("name.givenName", "-|name|-|givenname"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:active", "-|active|-|-"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:Group:displayName", "-|displayname|-|-"),
                Arguments.of(ENT + ":manager.value", ENT.toLowerCase() + "|manager|-|value"),
                Arguments.of(ENT, ENT.toLowerCase() + "|-|-|-"),
                Arguments.of("emails[type eq \"work\"].value", "-|emails|type eq \"work\"|value"),
                Arguments.of("addresses[type eq \"work\"].streetAddress", "-|addresses|type eq \"work\"|streetaddress"),
                Arguments.of("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
                        "-|members|value eq \"2819c223-7f76-453a-919d-413861904646\"|-"),
                Arguments.of("  emails[ type EQ \"work\" ].Value ", "-|emails|type eq \"work\"|value"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"].value",
                        "-|emails|type eq \"work\"|value"),
                Arguments.of("emails[value eq \"a]b\"]", "-|emails|value eq \"a]b\"|-"),
                Arguments.of("emails[value eq \"a\\\"]b[\"].type", "-|emails|value eq \"a\\\"]b[\"|type"),
                Arguments.of("emails[value eq \"urn:x:y\"]", "-|emails|value eq \"urn:x:y\"|-"),
                Arguments.of("emails[value eq \"a\\\\\"]", "-|emails|value eq \"a\\\\\"|-"),
                Arguments.of("emails[type ne \"work\" and (value co \"@x\" or not (primary eq true))]",
                        "-|emails|type ne \"work\" and (value co \"@x\" or not (primary eq true))|-"),
                Arguments.of("emails[type pr or value sw \"a\" or value ew \"b\"]",
                        "-|emails|type pr or value sw \"a\" or value ew \"b\"|-"),
                Arguments.of("x[n gt 1.5 and n le -2 and b eq false and z eq null]",
                        "-|x|n gt 1.5 and n le -2 and b eq false and z eq null|-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void parses(String text, String expected) {
        AttributePath p = AttributePath.parse(text);
        assertEquals(expected, describe(p));
        assertEquals(text, p.text());
    }

    /** Printing the filter back into the path gives the same path. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void filterRoundTrips(String text, String expected) {
        AttributePath p = AttributePath.parse(text);
        if (p.filter() == null) {
            return;
        }
        String printed = p.attribute() + "[" + FilterPrinter.print(p.filter()) + "]"
                + (p.subAttribute() == null ? "" : "." + p.subAttribute());
        assertEquals(p.filter(), AttributePath.parse(printed).filter());
    }

    static Stream<String> invalid() {
        return Stream.of("", "a b[", "emails[", "emails]", "emails[type eq \"work\"", "emails[type eq \"work]",
                "emails[]", "emails[ ]", "emails[type]", "emails[type eq]", "emails[type like \"w\"]",
                "emails[type eq work]", "emails[type eq \"w\"]]", "emails[type eq \"w\"][value pr]",
                "emails[type eq \"w\"].", "emails[type eq \"w\"].value.x", "emails[type eq \"w\"]value",
                "emails[emails[type eq \"w\"]]", "emails[(type eq \"w\"]", "emails[type eq \"\\q\"]",
                "emails[type eq \"w\" and]", "name.", "1emails", "emails.value[type eq \"w\"]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String text) {
        ScimException e = assertThrows(ScimException.class, () -> AttributePath.parse(text));
        assertEquals(400, e.status());
        assertEquals("invalidPath", e.scimType().keyword());
    }

    @Test
    void plainEqualsIsOnlyASingleEqOnThatAttribute() {
        assertEquals("work", AttributePath.parse("emails[Type eq \"work\"].value").plainEquals("type"));
        assertNull(AttributePath.parse("emails[type eq \"work\"].value").plainEquals("value"));
        assertNull(AttributePath.parse("emails[type co \"work\"].value").plainEquals("type"));
        assertNull(AttributePath.parse("emails[type eq \"work\" and primary eq true]").plainEquals("type"));
        assertNull(AttributePath.parse("emails[type eq true]").plainEquals("type"));
        assertNull(AttributePath.parse("emails.value").plainEquals("type"));
    }
}
