package dev.hubsso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.local.DeactivationProbe;
import dev.hubsso.local.HubClient;
import dev.hubsso.local.ServiceProcess;
import dev.hubsso.local.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four services as separate processes (their packaged jars) on the test run's PostgreSQL and
 * Kafka broker: an IdP creates a user over SCIM, the gateway accepts the user's token and policy
 * allows; the IdP deactivates the user the way Entra ID does, and both shut the user out.
 */
class DeactivationEndToEndTest {

    private static Stack stack;
    private static HubClient client;

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of(System.getProperty("hub.root", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("hub-e2e-");
        stack = Stack.start(Stack.Options.ephemeral(root, state, line -> System.out.println("[e2e] " + line)));
        client = new HubClient(stack.endpoints());
    }

    @AfterAll
    static void stopSuite() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theDemoUserLogsInThroughTheOrgsIdpAndJitLinksTheScimAccount() {
        var endpoints = stack.endpoints();
        // provisioned over SCIM by the stack, as the IdP's SCIM client would; not logged in yet
        String username = Stack.DEMO_USER + "-" + endpoints.org();
        var before = awaitAccount(endpoints.org(), username);
        assertEquals("ACTIVE", before.path("status").asText());

        var browser = LoginEndToEnd.login(endpoints, Stack.DEMO_USER,
                "{\"email\":\"" + Stack.DEMO_USER + "@" + endpoints.org() + ".example\",\"email_verified\":true}");

        var after = client.getAccount(endpoints.org(), username).expect(200, "the demo user's account").body();
        assertEquals(before.path("id").asText(), after.path("id").asText(), "one account: the login linked to it");
        assertEquals(endpoints.oidcIssuer(), after.path("idpIssuer").asText(), "linked to the IdP login");
        assertEquals(Stack.DEMO_USER, after.path("idpSubject").asText());
        assertTrue(browser.cookies().get("hub_session").startsWith("v1."), "sealed session cookie");
    }

    /** The account provisioning keeps for a username, once the SCIM event has reached it. */
    private static JsonNode awaitAccount(String org, String username) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        HubClient.Reply r = client.getAccount(org, username);
        while (r.status() == 404 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            r = client.getAccount(org, username);
        }
        return r.expect(200, "the account of " + username).body();
    }

    @Test
    void servicesRunAsSeparateProcesses() {
        Set<Long> pids = stack.services().stream().map(ServiceProcess::pid).collect(Collectors.toSet());
        assertEquals(4, pids.size());
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
        assertEquals(409, client.issueApiToken(sample.hubUsername()).status(), "no new token for a deactivated user");
    }
}
