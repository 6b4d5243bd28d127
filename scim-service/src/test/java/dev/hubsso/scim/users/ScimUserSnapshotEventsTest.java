package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.createUser;
import static dev.hubsso.scim.support.ScimChanges.awaitRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hubsso.events.EventCodec;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot.Email;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot.Enterprise;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The snapshot of scim.changes.v1 user events carries every stored attribute (name.formatted, all
 * emails, the Enterprise User extension), and {@code changedAttributes} names what changed, read
 * back from the real broker after the outbox relay published it.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimUserSnapshotEventsTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    void enterprisePatchesArePublishedWithTheNewSnapshotAndTheirQualifiedNames() {
        TestOrg org = TestOrgs.create("event");
        ScimApi.awaitOrg(org);
        String manager = createUser(org, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"boss@example.com"}
                """).path("id");
        String id = createUser(org, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%1$s"],
                 "userName":"grace@example.com","externalId":"ext-grace",
                 "name":{"givenName":"Grace","familyName":"Hopper","formatted":"Rear Admiral Grace Hopper"},
                 "displayName":"Grace Hopper",
                 "emails":[{"value":"grace@home.example","type":"home"},
                           {"value":"grace@example.com","type":"work","primary":true}],
                 "%1$s":{"employeeNumber":"1906","costCenter":"CC-7","organization":"Navy",
                         "division":"Computing","department":"Compilers"}}
                """.formatted(ENTERPRISE)).path("id");

        // department by its full path (Entra's form)
        patch(org, id, """
                {"op":"replace","path":"%s:department","value":"COBOL"}""".formatted(ENTERPRISE));
        // manager by its full path, as the complex value
        patch(org, id, """
                {"op":"add","path":"%s:manager","value":{"value":"%s"}}""".formatted(ENTERPRISE, manager));
        // the same department again: no change, no event
        patch(org, id, """
                {"op":"replace","path":"%s:department","value":"COBOL"}""".formatted(ENTERPRISE));
        // Entra removes a manager with an empty value
        patch(org, id, """
                {"op":"replace","path":"%s:manager","value":{"value":""}}""".formatted(ENTERPRISE));

        List<ScimUserChanged> events = awaitRecords(id, 4).stream().map(ScimUserSnapshotEventsTest::decode).toList();
        assertEquals(List.of(Change.CREATED, Change.UPDATED, Change.UPDATED, Change.UPDATED),
                events.stream().map(ScimUserChanged::change).toList(), "the no-op PATCH publishes nothing");
        assertEquals(List.of(1L, 2L, 3L, 4L), events.stream().map(ScimUserChanged::version).toList());

        ScimUserSnapshot created = events.get(0).user();
        assertEquals("Rear Admiral Grace Hopper", created.formattedName());
        assertEquals(List.of(new Email("grace@home.example", "home", false), new Email("grace@example.com", "work", true)),
                created.emails());
        assertEquals("grace@example.com", created.email(), "the hub's address is still the work one");
        assertEquals(new Enterprise("1906", "CC-7", "Navy", "Computing", "Compilers", null), created.enterprise());
        assertEquals(List.of("userName", "externalId", "name.givenName", "name.familyName", "name.formatted",
                "displayName", "emails", "active", ENTERPRISE + ":employeeNumber", ENTERPRISE + ":costCenter",
                ENTERPRISE + ":organization", ENTERPRISE + ":division", ENTERPRISE + ":department"),
                events.get(0).changedAttributes());

        ScimUserChanged department = events.get(1);
        assertEquals(List.of(ENTERPRISE + ":department"), department.changedAttributes());
        assertEquals(new Enterprise("1906", "CC-7", "Navy", "Computing", "COBOL", null), department.user().enterprise());
        assertEquals("Rear Admiral Grace Hopper", department.user().formattedName(), "unchanged attributes stay");
        assertEquals(2, department.user().emails().size());

        ScimUserChanged managed = events.get(2);
        assertEquals(List.of(ENTERPRISE + ":manager"), managed.changedAttributes());
        assertEquals(new Enterprise("1906", "CC-7", "Navy", "Computing", "COBOL", manager), managed.user().enterprise());

        ScimUserChanged unmanaged = events.get(3);
        assertEquals(List.of(ENTERPRISE + ":manager"), unmanaged.changedAttributes());
        assertNull(unmanaged.user().enterprise().managerId());
        assertEquals("COBOL", unmanaged.user().enterprise().department());
    }

    @Test
    void formattedNameAndEmailsChangesAreInTheSnapshotAndAUserWithoutTheExtensionHasNone() {
        TestOrg org = TestOrgs.create("evmail");
        ScimApi.awaitOrg(org);
        String id = createUser(org, ScimApi.userBody("lin@example.com")).path("id");
        patch(org, id, """
                {"op":"replace","path":"name.formatted","value":"Lin Example"},
                {"op":"add","path":"emails","value":[{"value":"lin@home.example","type":"home"}]}""");
        // a department added, then the whole extension cleared by a PUT without it
        patch(org, id, """
                {"op":"add","path":"%s:department","value":"Sales"}""".formatted(ENTERPRISE));
        as(org).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"lin@example.com",
                 "name":{"givenName":"Ada","familyName":"Lovelace","formatted":"Lin Example"},
                 "emails":[{"value":"lin@example.com","type":"work","primary":true},
                           {"value":"lin@home.example","type":"home"}],"active":true}
                """).put(org.base() + "/Users/" + id).then().statusCode(200);

        List<ScimUserChanged> events = awaitRecords(id, 4).stream().map(ScimUserSnapshotEventsTest::decode).toList();
        assertEquals(4, events.size());
        assertNull(events.get(0).user().enterprise(), "no extension attribute: no enterprise part");
        assertNull(events.get(0).user().formattedName());

        ScimUserChanged mail = events.get(1);
        assertEquals(List.of("name.formatted", "emails"), mail.changedAttributes());
        assertEquals("Lin Example", mail.user().formattedName());
        assertEquals(List.of(new Email("lin@example.com", "work", true), new Email("lin@home.example", "home", false)),
                mail.user().emails());
        assertNull(mail.user().enterprise());

        ScimUserChanged sales = events.get(2);
        assertEquals(List.of(ENTERPRISE + ":department"), sales.changedAttributes());
        assertEquals(new Enterprise(null, null, null, null, "Sales", null), sales.user().enterprise());

        ScimUserChanged cleared = events.get(3);
        assertEquals(List.of(ENTERPRISE + ":department"), cleared.changedAttributes());
        assertNull(cleared.user().enterprise(), "the PUT without the extension cleared it");
        assertEquals(2, cleared.user().emails().size());
    }

    private static void patch(TestOrg org, String id, String operations) {
        as(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + operations + "]}").patch(org.base() + "/Users/" + id).then().statusCode(200);
    }

    private static ScimUserChanged decode(ConsumerRecord<String, String> r) {
        return EventCodec.decode(r.value(), ScimUserChanged.class);
    }
}
