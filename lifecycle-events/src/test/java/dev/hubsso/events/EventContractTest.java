package dev.hubsso.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.hubsso.events.OrgConfig.IdpConnection;
import dev.hubsso.events.OrgConfig.ScimTokenHash;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.UserState.UserStatus;
import java.io.InputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event serializes to JSON that its schema accepts, and reads back equal. */
class EventContractTest {

    private static final Instant T = Instant.parse("2026-11-30T10:15:30.123456Z");
    private static final String ORG = "5b0f3c1e-6c2b-4a57-9d0e-8f1f2a3b4c5d";
    private static final String USER = "0c9a8b7d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static Stream<HubEvent> samples() {
        var snapshot = new ScimUserSnapshot("alice@corp.com", "ext-1", "Alice", "Liddell", "Alice L", "alice@corp.com",
                true, "alice-demo");
        var full = new ScimUserSnapshot("alice@corp.com", "ext-1", "Alice", "Liddell", "Alice L", "alice@corp.com",
                true, "alice-demo", "Ms Alice Liddell",
                List.of(new ScimUserSnapshot.Email("alice@corp.com", "work", true),
                        new ScimUserSnapshot.Email("alice@home.example", null, false)),
                new ScimUserSnapshot.Enterprise("701984", "4130", "Universal Studios", "Theme Park", "Tour Operations",
                        "26118915-6090-4610-87e4-49d8ca9f808d"));
        return Stream.of(
                new ScimUserChanged("e1", T, ORG, "s1", Change.CREATED, 1, snapshot, List.of("userName"), "scim-token:t1"),
                new ScimUserChanged("e1a", T, ORG, "s1", Change.UPDATED, 2, full,
                        List.of("name.formatted", "emails", ENTERPRISE + ":department", ENTERPRISE + ":manager"),
                        "scim-token:t1"),
                new ScimUserChanged("e1b", T, ORG, "s1", Change.UPDATED, 2,
                        new ScimUserSnapshot("bob", null, null, null, null, null, false, "bob-demo"), List.of("active"), null),
                new ScimGroupChanged("e2", T, ORG, "g1", Change.UPDATED, 3, "Engineering", null, List.of("s1", "s2"), "scim-token:t1"),
                new UserProvisioned("e3", T, USER, ORG, "alice-demo", 1, "alice@corp.com", "Alice L", "scim", "ext-1"),
                new UserUpdated("e4", T, USER, ORG, "alice-demo", 2, "alice@corp.com", "Alice Liddell", List.of("displayName")),
                new UserDeactivated("e5", T, USER, ORG, "alice-demo", 3, T, "scim:active=false"),
                new UserReactivated("e6", T, USER, ORG, "alice-demo", 4),
                new UserDeleted("e7", T, USER, ORG, "alice-demo", 5),
                new MembershipChanged("e8", T, USER, ORG, "alice-demo", 6, "write", Map.of("rg1", "admin"), false),
                new UserState(USER, ORG, "alice-demo", true, UserStatus.DEACTIVATED, "write", Map.of(), "alice@corp.com", T, 3, T),
                new UserState(USER, ORG, "alice-demo", true, UserStatus.ACTIVE, "read", Map.of("rg1", "write"), "alice@corp.com",
                        null, 4, T, "s1", "ext-1"),
                new OrgConfig(ORG, "demo", "demo", SsoMode.MANAGED, false, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS,
                        List.of("corp.com"), "read",
                        List.of(new ScimTokenHash("t1", "a".repeat(64), T, null)),
                        new IdpConnection("https://idp.corp.com", "hub", "secret://demo/oidc", List.of("openid", "email")),
                        7, false, T),
                new SessionRevoked("e9", T, USER, ORG, "sess-1", null, "backchannel-logout"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serializesToSchemaValidJsonAndBack(HubEvent event) throws Exception {
        EventType type = EventType.of(event);
        String json = EventCodec.encode(event);

        Set<ValidationMessage> errors = schema(type).validate(EventCodec.mapper().readTree(json));
        assertTrue(errors.isEmpty(), () -> type + " does not match its schema: " + errors + "\n" + json);

        HubEvent back = EventCodec.decode(type.ceType(), json).orElseThrow();
        assertEquals(event, back);
        assertEquals(event.key(), back.key());
    }

    @Test
    void everyEventTypeHasASampleAndASchema() {
        Set<EventType> covered = EnumSet.noneOf(EventType.class);
        samples().map(EventType::of).forEach(covered::add);
        assertEquals(EnumSet.allOf(EventType.class), covered, "every event type needs a sample in this test");
        for (EventType type : EventType.values()) {
            assertNotNull(getClass().getResource(type.schemaResource()), type.schemaResource());
            assertTrue(Topics.ALL.stream().anyMatch(t -> t.name().equals(type.topic())), type + " topic is declared");
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaRejectsAMissingRequiredFieldAndAnUnknownOne(HubEvent event) throws Exception {
        EventType type = EventType.of(event);
        JsonSchema schema = schema(type);
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
        String required = schema.getSchemaNode().get("required").get(0).asText();

        ObjectNode missing = json.deepCopy();
        missing.remove(required);
        assertFalse(schema.validate(missing).isEmpty(), type + " must require " + required);

        ObjectNode extra = json.deepCopy();
        extra.put("notInTheContract", 1);
        assertFalse(schema.validate(extra).isEmpty(), type + " must reject unknown fields");
    }

    @Test
    void userStateSnapshotsWithoutTheScimLinkStillReadAndMatchTheOldConstructor() throws Exception {
        // what provisioning published before scimUserId and externalId existed
        String old = "{\"userId\":\"u\",\"orgId\":\"o\",\"username\":\"a-demo\",\"managed\":true,"
                + "\"status\":\"ACTIVE\",\"orgRole\":\"read\",\"resourceGroupRoles\":{},\"userVersion\":2,"
                + "\"occurredAt\":\"2026-11-30T10:15:30Z\"}";
        UserState state = (UserState) EventCodec.decode(EventType.USER_STATE.ceType(), old).orElseThrow();
        assertEquals(new UserState("u", "o", "a-demo", true, UserStatus.ACTIVE, "read", Map.of(), null, null, 2,
                Instant.parse("2026-11-30T10:15:30Z")), state);
        assertEquals(null, state.scimUserId());
        assertEquals(null, state.externalId());
        assertTrue(schema(EventType.USER_STATE).validate(EventCodec.mapper().readTree(old)).isEmpty(),
                "the new fields are optional");

        UserState linked = new UserState("u", "o", "a-demo", true, UserStatus.ACTIVE, "read", Map.of(), null, null, 3,
                T, "scim-1", "ext-1");
        String json = EventCodec.encode(linked);
        assertTrue(json.contains("\"scimUserId\":\"scim-1\"") && json.contains("\"externalId\":\"ext-1\""), json);
        ObjectNode empty = (ObjectNode) EventCodec.mapper().readTree(json);
        empty.put("scimUserId", "");
        assertFalse(schema(EventType.USER_STATE).validate(empty).isEmpty(), "an empty scimUserId is not a link");
    }

    @Test
    void scimUserChangedWithoutTheFullSnapshotStillReadsAndMatchesTheOldConstructor() throws Exception {
        // what scim-service published before formattedName, emails and enterprise existed
        String old = "{\"eventId\":\"e\",\"occurredAt\":\"2026-11-30T10:15:30Z\",\"orgId\":\"o\","
                + "\"scimUserId\":\"s1\",\"change\":\"UPDATED\",\"version\":3,"
                + "\"user\":{\"userName\":\"ada@corp.com\",\"givenName\":\"Ada\",\"email\":\"ada@corp.com\","
                + "\"active\":false,\"hubUsername\":\"ada-demo\"},\"changedAttributes\":[\"active\"]}";
        assertTrue(schema(EventType.SCIM_USER_CHANGED).validate(EventCodec.mapper().readTree(old)).isEmpty(),
                "the new snapshot fields are optional");
        ScimUserChanged event = (ScimUserChanged) EventCodec.decode(EventType.SCIM_USER_CHANGED.ceType(), old)
                .orElseThrow();
        ScimUserSnapshot user = event.user();
        assertEquals(new ScimUserSnapshot("ada@corp.com", null, "Ada", null, null, "ada@corp.com", false, "ada-demo"),
                user);
        assertNull(user.formattedName());
        assertEquals(List.of(), user.emails());
        assertNull(user.enterprise());
        assertEquals(List.of("active"), event.changedAttributes());
    }

    @Test
    void fullSnapshotIsWrittenWithItsNestedParts() throws Exception {
        ScimUserChanged event = (ScimUserChanged) samples().filter(e -> e instanceof ScimUserChanged c
                && c.user().enterprise() != null).findFirst().orElseThrow();
        JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(event));
        JsonNode user = json.get("user");
        assertEquals("Ms Alice Liddell", user.get("formattedName").asText());
        assertEquals("work", user.get("emails").get(0).get("type").asText());
        assertTrue(user.get("emails").get(0).get("primary").asBoolean());
        assertFalse(user.get("emails").get(1).has("type"), "a null type is omitted");
        assertEquals("Tour Operations", user.get("enterprise").get("department").asText());
        assertEquals("26118915-6090-4610-87e4-49d8ca9f808d", user.get("enterprise").get("managerId").asText());

        // the basic snapshot writes no enterprise part and an empty emails list
        JsonNode basic = EventCodec.mapper().readTree(EventCodec.encode(samples()
                .filter(e -> e instanceof ScimUserChanged).findFirst().orElseThrow())).get("user");
        assertFalse(basic.has("enterprise"));
        assertFalse(basic.has("formattedName"));
        assertEquals(0, basic.get("emails").size());
    }

    @Test
    void schemaRejectsUnknownFieldsInsideTheSnapshotParts() throws Exception {
        JsonSchema schema = schema(EventType.SCIM_USER_CHANGED);
        ScimUserChanged event = (ScimUserChanged) samples().filter(e -> e instanceof ScimUserChanged c
                && c.user().enterprise() != null).findFirst().orElseThrow();
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
        assertTrue(schema.validate(json).isEmpty());

        ObjectNode badEnterprise = json.deepCopy();
        ((ObjectNode) badEnterprise.get("user").get("enterprise")).put("manager", "x");
        assertFalse(schema.validate(badEnterprise).isEmpty(), "enterprise carries managerId, not manager");

        ObjectNode badEmail = json.deepCopy();
        ((ObjectNode) badEmail.get("user").get("emails").get(0)).remove("value");
        assertFalse(schema.validate(badEmail).isEmpty(), "an email needs its value");

        ObjectNode badPrimary = json.deepCopy();
        ((ObjectNode) badPrimary.get("user").get("emails").get(0)).put("primary", "yes");
        assertFalse(schema.validate(badPrimary).isEmpty(), "primary is a boolean");
    }

    @Test
    void readersIgnoreFieldsTheyDoNotKnow() {
        String json = "{\"eventId\":\"e\",\"occurredAt\":\"2026-11-30T10:15:30Z\",\"userId\":\"u\",\"orgId\":\"o\","
                + "\"username\":\"a-demo\",\"userVersion\":2,\"addedLater\":{\"x\":1}}";
        UserReactivated event = EventCodec.decode(json, UserReactivated.class);
        assertEquals(2, event.userVersion());
        assertTrue(EventCodec.decode("hub.future.type", json).isEmpty(), "unknown types are skipped, not fatal");
    }

    @Test
    void scimTokenDigestIsLowercaseHexSha256() {
        // FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ScimTokenHash.digest("abc"));
    }

    @Test
    void ceTypesAreUniqueAndRoundTrip() {
        for (EventType type : EventType.values()) {
            assertEquals(type, EventType.ofCeType(type.ceType()).orElseThrow());
        }
    }

    private JsonSchema schema(EventType type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
            JsonNode node = EventCodec.mapper().readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
        }
    }
}
