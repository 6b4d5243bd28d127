package dev.hubsso.scim.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.users.model.Profile;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Email;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Four users and a table of filters with the users each must match (or null: invalidFilter). The
 * parser/printer test, the evaluator test and the SQL test all read this one table.
 */
public final class FilterFixture {

    public static final UUID U1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final UUID U2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    public static final UUID U3 = UUID.fromString("00000000-0000-4000-8000-0000000000c3");
    public static final UUID U4 = UUID.fromString("00000000-0000-4000-8000-000000000004");

    public static final List<StoredUser> USERS = List.of(
            new StoredUser(U1, new ScimUser("Ada.Lovelace@Example.com", "ext-A1", "Ada", "Lovelace", null, "Ada L",
                    List.of(new Email("ada@example.com", "work", true), new Email("ada@home.org", "home", false)), true,
                    new ScimUser.Enterprise("E-701", "CC1", "Analytical", null, "Engines", U3.toString()),
                    profile("{\"title\":\"Countess\"}")),
                    "ada-lovelace-t1", 1, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z")),
            new StoredUser(U2, new ScimUser("bjarne", "EXT-b2", "Bjarne", "Stroustrup", "Bjarne Stroustrup", null,
                    List.of(new Email("Bjarne@X.org", "work", false)), false,
                    new ScimUser.Enterprise("e-702", null, null, "Languages", "ENGINES", null),
                    profile("{\"title\":\"Principal Engineer\",\"phoneNumbers\":[{\"value\":\"+45 1234\",\"type\":\"mobile\"}],"
                            + "\"addresses\":[{\"locality\":\"Aarhus\",\"country\":\"DK\",\"type\":\"work\",\"primary\":true}]}")),
                    "bjarne-t1", 3, Instant.parse("2024-06-01T12:00:00Z"), Instant.parse("2024-07-01T00:00:00Z")),
            new StoredUser(U3, new ScimUser("carl \"the quote\" o'neil", null, "Carl", null, null, "Carl Straße",
                    List.of(), true),
                    "carl-t1", 1, Instant.parse("2024-12-31T22:00:00Z"), Instant.parse("2024-12-31T22:00:00Z")),
            new StoredUser(U4, new ScimUser("eve_100%\\x@x.org", "ext-4", null, null, null, null,
                    List.of(new Email("eve@x.org", null, true)), true),
                    "eve-t1", 2, Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z")));

    /**
     * One row of the table.
     *
     * @param filter the filter as a client sends it
     * @param matches the users it matches; null when it is invalid (400 invalidFilter)
     */
    public record Case(String filter, Set<UUID> matches) {
        @Override
        public String toString() {
            return filter;
        }
    }

    private static Profile profile(String json) {
        try {
            return new Profile((com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Case ok(String filter, UUID... ids) {
        return new Case(filter, Set.of(ids));
    }

    private static Case invalid(String filter) {
        return new Case(filter, null);
    }

    public static final List<Case> CASES = List.of(
            // attribute names and operators are case-insensitive; userName is not caseExact
            ok("userName eq \"ada.lovelace@example.com\"", U1),
            ok("USERNAME EQ \"ADA.LOVELACE@EXAMPLE.COM\"", U1),
            ok("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"BJARNE\"", U2),
            // externalId and id are caseExact
            ok("externalId eq \"ext-a1\""),
            ok("externalId eq \"ext-A1\"", U1),
            ok("id eq \"" + U3 + "\"", U3),
            ok("id eq \"" + U3.toString().toUpperCase() + "\""),
            ok("id eq \"not-a-uuid\""),
            ok("id ne \"" + U3 + "\"", U1, U2, U4),
            // every operator
            ok("userName ne \"bjarne\"", U1, U3, U4),
            ok("userName co \"LOVE\"", U1),
            ok("userName sw \"B\"", U2),
            ok("userName ew \".COM\"", U1),
            ok("userName gt \"bjarne\"", U3, U4),
            ok("userName ge \"bjarne\"", U2, U3, U4),
            ok("userName lt \"BJARNE\"", U1),
            ok("userName le \"bjarne\"", U1, U2),
            ok("externalId gt \"ext\"", U1, U4),
            ok("name.familyName pr", U1, U2),
            ok("name pr", U1, U2, U3),
            ok("displayName pr", U1, U3),
            ok("displayName eq null", U2, U4),
            ok("displayName ne null", U1, U3),
            ok("externalId pr", U1, U2, U4),
            // escapes and special characters in values, no LIKE wildcards
            ok("userName eq \"carl \\\"the quote\\\" o'neil\"", U3),
            ok("userName co \"_100%\\\\\"", U4),
            ok("userName co \"%\"", U4),
            ok("userName co \"\\u0022\"", U3),
            ok("displayName co \"straße\"", U3),
            // multi-valued: emails, value paths, sub-attributes
            ok("emails pr", U1, U2, U4),
            ok("emails eq \"ADA@home.org\"", U1),
            ok("emails.value eq \"bjarne@x.org\"", U2),
            ok("emails co \"@x.org\"", U2, U4),
            ok("emails.type eq \"work\"", U1, U2),
            ok("emails.type pr", U1, U2),
            ok("emails[type eq \"work\" and value co \"@example\"]", U1),
            ok("emails[type eq \"work\"].value eq \"BJARNE@x.org\"", U2),
            ok("emails[type eq \"home\" and value eq \"ada@example.com\"]"),
            ok("emails[type eq \"work\" or primary eq true]", U1, U2, U4),
            ok("emails[primary eq true]", U1, U4),
            ok("emails[not (type pr)]", U4),
            ok("EMAILS[TYPE EQ \"WORK\"]", U1, U2),
            // booleans (Entra sends strings)
            ok("active eq false", U2),
            ok("active eq \"False\"", U2),
            ok("active ne true", U2),
            // dateTimes compare as instants
            ok("meta.created gt \"2024-06-01T12:00:00Z\"", U3, U4),
            ok("meta.created ge \"2024-06-01T14:00:00+02:00\"", U2, U3, U4),
            ok("meta.created lt \"2024-06-01T12:00:00.000Z\"", U1),
            ok("meta.created eq \"2025-01-01T00:00:00+02:00\"", U3),
            ok("meta.lastModified le \"2024-01-02T00:00:00Z\"", U1),
            // extension attributes by full URN
            ok("urn:hub:scim:schemas:extension:account:2.0:User:username sw \"ADA\"", U1),
            // logic: not > and > or, grouping
            ok("active eq true and userName sw \"a\" or userName eq \"bjarne\"", U1, U2),
            ok("userName eq \"bjarne\" or active eq true and userName sw \"a\"", U1, U2),
            ok("active eq true and (userName sw \"a\" or userName eq \"bjarne\")", U1),
            ok("not (active eq true)", U2),
            ok("not(userName sw \"a\") and active eq true", U3, U4),
            ok("not (displayName eq \"Ada L\")", U2, U3, U4),
            ok("not (not (userName eq \"bjarne\"))", U2),
            ok("((userName eq \"bjarne\"))", U2),
            ok("userName eq \"nobody\" or (externalId pr and not (emails pr))"),
            ok("userName eq \"00000000-dead-beef-0000-000000000000\""),
            // the core attributes kept as the profile (JSON, not indexed), per their caseExact rules
            ok("title eq \"countess\"", U1),
            ok("title co \"engineer\" or nickName pr", U2),
            ok("title pr", U1, U2),
            ok("not (title pr)", U3, U4),
            ok("phoneNumbers[type eq \"mobile\" and value sw \"+45\"]", U2),
            ok("phoneNumbers.value pr or locale eq \"en\"", U2),
            ok("addresses.locality eq \"AARHUS\" and addresses[primary eq true]", U2),
            ok("addresses[country eq \"dk\" and type eq \"home\"]"),
            // invalid: unknown attributes, type errors, syntax errors
            invalid("ims.value eq \"x\""),
            invalid("phoneNumbers.extension eq \"1\""),
            invalid("addresses[primary gt true]"),
            invalid("name.middle eq \"x\""),
            invalid("urn:ietf:params:scim:schemas:extension:unknown:2.0:User:x eq \"1\""),
            // the Enterprise User extension: employeeNumber and department are not caseExact, manager.value is
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"e-701\"", U1),
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"engines\"", U1, U2),
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division pr", U2),
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber sw \"E-70\" and active eq false", U2),
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"" + U3 + "\"", U1),
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"" + U3.toString().toUpperCase() + "\""),
            ok("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", U1),
            ok("not (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr)", U2, U3, U4),
            invalid("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"x\""),
            invalid("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:badge eq \"x\""),
            invalid("active gt true"),
            invalid("active lt false"),
            invalid("emails.primary ge true"),
            invalid("active eq \"yes\""),
            invalid("meta.created co \"2024\""),
            invalid("meta.created gt \"yesterday\""),
            invalid("name eq \"Ada\""),
            invalid("password eq \"x\""),
            invalid("userName eq 42"),
            invalid("userName gt null"),
            invalid("userName eq"),
            invalid("userName eq \"x\" and"),
            invalid("(userName eq \"x\""),
            invalid("userName eq \"x\")"),
            invalid("userName xx \"x\""),
            invalid("userName eq 'x'"),
            invalid("userName eq \"unterminated"),
            invalid("userName eq \"bad \\q escape\""),
            invalid("emails[type eq \"work\""),
            invalid("emails[type eq \"work\"][value eq \"x\"]"),
            invalid("emails[emails[type eq \"work\"]]"),
            invalid("emails[value.x eq \"a\"]"),
            invalid("userName[value eq \"x\"]"),
            invalid("not userName eq \"x\""),
            invalid("userName eq \"x\" userName eq \"y\""),
            invalid(""),
            invalid("   "),
            invalid("and"),
            invalid("userName pr pr"));

    private FilterFixture() {
    }

    /** The users as their SCIM JSON (what the evaluator reads). */
    public static List<ObjectNode> json() {
        return USERS.stream().map(u -> UserRepresentation.toJson(u, "https://scim.example/Users/" + u.id())).toList();
    }

    /** The emails column of a user, as the service stores it. */
    public static String emailsColumn(StoredUser u) {
        return UserMapping.writeEmails(u.user().emails());
    }
}
