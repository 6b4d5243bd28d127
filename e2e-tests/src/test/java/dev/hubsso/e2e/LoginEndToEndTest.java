package dev.hubsso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.local.DeactivationProbe;
import dev.hubsso.local.Endpoints;
import dev.hubsso.local.HubClient;
import dev.hubsso.local.ServiceProcess;
import dev.hubsso.local.Stack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSO across the suite: a person logs in through the org's IdP (a real OpenID Provider process)
 * at the gateway, provisioning links the login to the account the IdP pushed over SCIM, and the
 * session then dies on every gateway replica when the IdP signs the person out (back-channel
 * logout) or deactivates them (SCIM), also on a replica restarted afterwards.
 */
class LoginEndToEndTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(10);

    private static Stack stack;
    private static Endpoints endpoints;
    private static HubClient client;

    @BeforeAll
    static void startSuite() {
        stack = E2eStack.get();
        endpoints = stack.endpoints();
        client = new HubClient(endpoints);
    }

    @Test
    void theDemoUserLogsInThroughTheOrgsIdpAndJitLinksTheScimAccount() {
        // provisioned over SCIM by the stack, as the IdP's SCIM client would; not logged in yet
        String username = Stack.DEMO_USER + "-" + endpoints.org();
        JsonNode before = awaitAccount(username);
        assertEquals("ACTIVE", before.path("status").asText());

        String session = client.login(Stack.DEMO_USER, claims(Stack.DEMO_USER, "demo-sid"));

        JsonNode after = client.getAccount(endpoints.org(), username).expect(200, "the demo user's account").body();
        assertEquals(before.path("id").asText(), after.path("id").asText(), "one account: the login linked to it");
        assertEquals(endpoints.oidcIssuer(), after.path("idpIssuer").asText(), "linked to the IdP login");
        assertEquals(Stack.DEMO_USER, after.path("idpSubject").asText());
        Logins.awaitVerify(endpoints.gatewayUrl(), session, 200, PROPAGATION);
    }

    @Test
    void logoutAndDeactivationReachEveryGatewayReplicaAndARestartedOne() {
        String run = Long.toString(System.nanoTime(), 36);
        String subject = "bob-" + run;
        String userName = subject + "@" + endpoints.org() + ".example";
        JsonNode created = client.scimCreateUser(userName, userName, subject).expect(201, "SCIM create").body();
        String scimId = created.get("id").asText();
        awaitAccount(created.path(DeactivationProbe.ACCOUNT_EXTENSION).path("username").asText());
        List<ServiceProcess> gateways = stack.gateways();
        assertEquals(2, gateways.size());

        // 1. a session from replica 1 works on both replicas (same cookie keys, same registry)
        String first = client.login(subject, claims(subject, "sid-1-" + run));
        for (ServiceProcess g : gateways) {
            Logins.awaitVerify(g.url(), first, 200, PROPAGATION);
        }

        // 2. the IdP signs the person out; its back-channel call reaches replica 2 only
        String token = Logins.logoutToken(endpoints, subject, "sid-1-" + run);
        assertEquals(200, Logins.backchannelLogout(gateways.get(1).url(), endpoints.org(), token));
        for (ServiceProcess g : gateways) {
            Logins.awaitVerify(g.url(), first, 401, PROPAGATION);
        }
        assertEquals(400, Logins.backchannelLogout(gateways.get(0).url(), endpoints.org(), token), "jti replay refused");

        // 3. a new login works again; then the IdP deactivates the person over SCIM
        String second = client.login(subject, claims(subject, "sid-2-" + run));
        for (ServiceProcess g : gateways) {
            Logins.awaitVerify(g.url(), second, 200, PROPAGATION);
        }
        long t0 = System.nanoTime();
        client.scimDeactivateEntra(scimId).expect(200, "SCIM deactivation");
        for (ServiceProcess g : gateways) {
            Logins.awaitVerify(g.url(), second, 401, PROPAGATION);
        }
        System.out.printf("[e2e] deactivation refused the session on both gateway replicas after %.1f ms%n",
                (System.nanoTime() - t0) / 1e6);

        // 4. a replica restarted after the deactivation rebuilds its index and still refuses
        ServiceProcess restarted = stack.restart(gateways.get(1));
        assertEquals(401, Logins.verify(restarted.url(), second));
        assertEquals(401, Logins.verify(restarted.url(), first));
    }

    @Test
    void adminsCallTheAdminApiWithOidcTokensOfTheAdminsIssuer() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, Integer> getOrg = token -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(endpoints.provisioningUrl() + "/admin/orgs/" + endpoints.org()))
                        .header("Authorization", "Bearer " + token).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertTrue(endpoints.adminToken() != null && !endpoints.adminToken().isEmpty(), "ADMIN_TOKEN in the endpoints");
        assertEquals(200, getOrg.apply(endpoints.adminToken()));
        assertEquals(200, getOrg.apply(Stack.fetchAdminToken(stack.oidc().issuer(Stack.ADMIN_ISSUER_ID))), "a fresh one too");
        // a token of the org's IdP (another issuer, no admin role) is not an admin credential
        assertEquals(401, getOrg.apply(Logins.logoutToken(endpoints, "mallory", "sid-x")));
    }

    private static String claims(String subject, String sid) {
        return HubClient.loginClaims(subject + "@" + endpoints.org() + ".example", sid);
    }

    /** The account provisioning keeps for a username, once the SCIM event has reached it. */
    private static JsonNode awaitAccount(String username) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HubClient.Reply r = client.getAccount(endpoints.org(), username);
        while (r.status() == 404 && System.nanoTime() < deadline) {
            Logins.sleep(100);
            r = client.getAccount(endpoints.org(), username);
        }
        assertTrue(r.status() == 200, "account " + username + ": " + r.raw());
        return r.body();
    }
}
