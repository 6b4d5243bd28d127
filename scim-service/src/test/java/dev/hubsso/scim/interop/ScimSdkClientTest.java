package dev.hubsso.scim.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the service with a real SCIM client library, the UnboundID / Ping Identity SCIM 2 SDK
 * ({@code scim2-sdk-client}), through its {@link ScimService} with the org's bearer token: what the
 * SDK sends (its own serialization, {@code If-Match} from {@code meta.version} when asked, its PATCH
 * shapes, its filter printer) and how it reads our answers (its model classes, its error
 * mapping) must agree with the service. The JAX-RS client under the SDK is Quarkus's own
 * ({@code quarkus-rest-client}), which speaks PATCH natively.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ScimSdkClientTest {

    @TestHTTPResource("/")
    URL root;

    private TestOrg org;
    private Client client;
    private ScimService scim;

    @BeforeEach
    void connect() {
        org = TestOrgs.create("sdk");
        ScimApi.awaitOrg(org);
        String token = org.token();
        client = ClientBuilder.newClient()
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + token));
        scim = new ScimService(client.target(root.toString()).path(org.base()));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void usersThroughTheWholeLifecycle() throws ScimException {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getPatch().isSupported());
        assertTrue(config.getFilter().isSupported());
        assertTrue(config.getEtag().isSupported());

        String userName = "sdk.user." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setGivenName("Barbara").setFamilyName("Jensen"))
                .setEmails(List.of(new Email().setValue(userName).setType("work").setPrimary(true)))
                .setActive(true);
        user.setExternalId("ext-" + UUID.randomUUID());
        user.setExtension(new EnterpriseUserExtension().setEmployeeNumber("E-17").setDepartment("Research"));

        // create
        UserResource created = scim.create("Users", user);
        assertNotNull(created.getId());
        assertEquals(userName, created.getUserName());
        assertEquals("Barbara", created.getName().getGivenName());
        assertEquals(Boolean.TRUE, created.getActive());
        assertEquals("E-17", created.getExtension(EnterpriseUserExtension.class).getEmployeeNumber());
        assertEquals("W/\"1\"", created.getMeta().getVersion());
        assertTrue(created.getMeta().getLocation().toString().endsWith(org.base() + "/Users/" + created.getId()));

        // the same userName again, differently cased: 409 uniqueness, mapped to the SDK's conflict exception
        ResourceConflictException conflict = assertThrows(ResourceConflictException.class, () -> scim.create("Users",
                new UserResource().setUserName(userName.toUpperCase())));
        assertEquals("uniqueness", conflict.getScimError().getScimType());

        // retrieve, by id and by the resource's own location
        UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
        assertEquals(created.getId(), read.getId());
        assertEquals("Research", read.getExtension(EnterpriseUserExtension.class).getDepartment());
        assertEquals(created.getId(), scim.retrieve(created.getMeta().getLocation(), UserResource.class).getId());

        // search with a filter the SDK prints itself, sorted and paged
        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.and(Filter.eq("userName", userName.toUpperCase()), Filter.pr("externalId")))
                .sort("userName", SortOrder.ASCENDING).page(1, 10).invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());
        assertEquals(0, scim.searchRequest("Users").filter(Filter.eq("userName", "nobody@example.com"))
                .invoke(UserResource.class).getTotalResults());
        // the same as POST /Users/.search
        assertEquals(1, scim.searchRequest("Users").filter(Filter.eq("externalId", user.getExternalId()))
                .invokePost(UserResource.class).getTotalResults());

        // replace (PUT) the retrieved resource, conditionally: ifMatch() sends meta.version as If-Match
        read.setDisplayName("Babs Jensen");
        read.getName().setFamilyName("Jensen-Smith");
        UserResource replaced = scim.replaceRequest(read).ifMatch().invoke();
        assertEquals("Babs Jensen", replaced.getDisplayName());
        assertEquals("Jensen-Smith", replaced.getName().getFamilyName());
        assertEquals(Boolean.TRUE, replaced.getActive());
        assertEquals("W/\"2\"", replaced.getMeta().getVersion());
        // replacing from the stale copy fails the precondition
        read.setDisplayName("stale");
        assertThrows(PreconditionFailedException.class, () -> scim.replaceRequest(read).ifMatch().invoke());
        assertEquals("Jensen-Smith", scim.retrieve("Users", created.getId(), UserResource.class).getName().getFamilyName());

        // modify (PATCH): deactivate, then a multi-op change
        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertEquals(Boolean.FALSE, deactivated.getActive());
        assertEquals("Babs Jensen", deactivated.getDisplayName());
        UserResource modified = scim.modifyRequest("Users", created.getId())
                .replaceValue("name.givenName", "Barb")
                .addValues("emails", new Email().setValue("home-" + userName).setType("home"))
                .removeValues("displayName")
                .invoke(UserResource.class);
        assertEquals("Barb", modified.getName().getGivenName());
        assertEquals(2, modified.getEmails().size());
        assertNull(modified.getDisplayName());
        assertEquals(Boolean.FALSE, modified.getActive(), "a PATCH that does not touch active keeps it");
        // a bad path is a 400 the SDK maps to its BadRequestException with the scimType
        BadRequestException bad = assertThrows(BadRequestException.class,
                () -> scim.modifyRequest("Users", created.getId()).replaceValue("nickName2", "x").invoke(UserResource.class));
        assertEquals("invalidPath", bad.getScimError().getScimType());
        // the deactivated user is still found by filter, as deactivated
        ListResponse<UserResource> inactive = scim.searchRequest("Users").filter(Filter.eq("active", false))
                .invoke(UserResource.class);
        assertEquals(1, inactive.getTotalResults());

        // delete, then it is gone
        scim.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
        assertThrows(ResourceNotFoundException.class, () -> scim.delete("Users", created.getId()));
    }

    @Test
    void groupsWithMembers() throws ScimException {
        UserResource ada = scim.create("Users", new UserResource().setUserName("ada-" + UUID.randomUUID().toString().substring(0, 8)));
        UserResource bob = scim.create("Users", new UserResource().setUserName("bob-" + UUID.randomUUID().toString().substring(0, 8)));
        String name = "Engineering " + UUID.randomUUID().toString().substring(0, 8);

        GroupResource group = scim.create("Groups", new GroupResource().setDisplayName(name)
                .setMembers(List.of(new Member().setValue(ada.getId()))));
        assertNotNull(group.getId());
        assertEquals(List.of(ada.getId()), group.getMembers().stream().map(Member::getValue).toList());
        assertEquals(ada.getUserName(), group.getMembers().get(0).getDisplay());

        // modify: add bob, then remove ada by value filter, then rename
        GroupResource withBob = scim.modifyRequest("Groups", group.getId())
                .addValues("members", new Member().setValue(bob.getId())).invoke(GroupResource.class);
        assertEquals(2, withBob.getMembers().size());
        GroupResource withoutAda = scim.modifyRequest("Groups", group.getId())
                .removeValues("members[value eq \"" + ada.getId() + "\"]")
                .replaceValue("displayName", name + " (renamed)").invoke(GroupResource.class);
        assertEquals(List.of(bob.getId()), withoutAda.getMembers().stream().map(Member::getValue).toList());
        assertEquals(name + " (renamed)", withoutAda.getDisplayName());
        assertNotEquals(group.getMeta().getVersion(), withoutAda.getMeta().getVersion());

        // the group shows on bob's user, not on ada's
        UserResource bobNow = scim.retrieve("Users", bob.getId(), UserResource.class);
        assertEquals(List.of(group.getId()), bobNow.getGroups().stream().map(g -> g.getValue()).toList());
        assertTrue(scim.retrieve("Users", ada.getId(), UserResource.class).getGroups() == null);

        // a member of another org does not exist here
        assertThrows(BadRequestException.class, () -> scim.modifyRequest("Groups", group.getId())
                .addValues("members", new Member().setValue(UUID.randomUUID().toString())).invoke(GroupResource.class));

        ListResponse<GroupResource> byName = scim.searchRequest("Groups").filter(Filter.eq("displayName", name + " (renamed)"))
                .invoke(GroupResource.class);
        assertEquals(1, byName.getTotalResults());
        scim.delete("Groups", group.getId());
        assertFalse(scim.searchRequest("Groups").filter(Filter.eq("id", group.getId())).invoke(GroupResource.class)
                .getTotalResults() > 0);
    }
}
