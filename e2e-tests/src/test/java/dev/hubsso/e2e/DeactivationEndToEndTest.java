package dev.hubsso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.local.DeactivationProbe;
import dev.hubsso.local.HubClient;
import dev.hubsso.local.ServiceProcess;
import dev.hubsso.local.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four services as separate processes (their packaged jars) on the test run's PostgreSQL and
 * Kafka broker: an IdP creates a user over SCIM, the user logs in through the IdP and creates an
 * API token from that SSO session, the gateway accepts the token and policy allows; the IdP deactivates the user the way Entra ID does, and both shut the user out.
 */
class DeactivationEndToEndTest {

    private static Stack stack;
    private static HubClient client;

    @BeforeAll
    static void startSuite() {
        stack = E2eStack.get();
        client = new HubClient(stack.endpoints());
    }

    @Test
    void servicesRunAsSeparateProcesses() {
        Set<Long> pids = stack.services().stream().map(ServiceProcess::pid).collect(Collectors.toSet());
        assertEquals(5, pids.size(), "four services, the gateway twice");
        assertEquals(2, stack.gateways().size());
        assertTrue(stack.services().stream().allMatch(ServiceProcess::isAlive));
        assertTrue(pids.stream().noneMatch(pid -> pid == ProcessHandle.current().pid()));
    }

    @Test
    void deactivationOverScimShutsTheUserOutOfGatewayAndPolicy() throws Exception {
        DeactivationProbe.Sample sample;
        try (DeactivationProbe probe = new DeactivationProbe(client)) {
            sample = probe.run("e2e" + Long.toString(System.nanoTime(), 36));
        }
        System.out.printf("[e2e] deactivation of %s: SCIM PATCH answered in %.1f ms; gateway 401 after %.1f ms; "
                + "policy deny after %.1f ms%n", sample.hubUsername(), sample.scimMs(), sample.gatewayMs(), sample.policyMs());
        assertEquals("ACCOUNT_DEACTIVATED", sample.policyReason());
        // A functional bound (propagation works at all), not the latency goal: that is the benchmark's job.
        assertTrue(sample.gatewayMs() < 10_000 && sample.policyMs() < 10_000, "deactivation reached gateway and policy");

        HubClient.Reply found = client.scimFindUser(sample.scimUserName());
        JsonNode user = found.expect(200, "SCIM filter").body().path("Resources").path(0);
        assertEquals(false, user.path("active").asBoolean(true), "the IdP still sees the user, deactivated");
        assertEquals(401, client.createApiToken(sample.sessionCookie(), "read").status(),
                "no new token from the deactivated user's session");
    }

    @Test
    void anAdminCannotMintATokenForAManagedAccount() throws Exception {
        // the demo user is managed (the demo org is in managed mode): its tokens come only from SSO sessions
        String username = Stack.DEMO_USER + "-" + stack.endpoints().org();
        String body = "{\"username\":\"" + username + "\",\"scope\":\"write\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.endpoints().gatewayUrl() + "/admin/tokens"))
                .header("Authorization", "Bearer " + stack.endpoints().adminApiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("urn:hub:problem:managed-account"), r.body());
        assertTrue(r.body().contains("POST /api/tokens"), r.body());
    }
}
