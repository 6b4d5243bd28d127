package dev.hubsso.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The flow the suite exists for, measured: a user created over SCIM logs in through the org's IdP
 * (JIT links the login to the SCIM account) and creates an API token from that SSO session, as a
 * hub client does ({@code POST /api/tokens}: a managed account has no other kind of token); the
 * gateway accepts the token and policy allows; the IdP deactivates the user (Entra's PATCH shape);
 * the probe polls the gateway and policy until the first refusal of each. Only that last part is
 * measured: the clock starts at the PATCH.
 */
public final class DeactivationProbe implements AutoCloseable {

    /** Extension URN of the hub account attributes on a SCIM User. */
    public static final String ACCOUNT_EXTENSION = "urn:hub:scim:schemas:extension:account:2.0:User";

    /**
     * Pause between two polls of the gateway or policy while waiting for the refusal
     * ({@code HUB_BENCH_POLL_PAUSE_MS}, default 2 ms).
     */
    public static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Long.parseLong(System.getenv().getOrDefault("HUB_BENCH_POLL_PAUSE_MS", "2")));

    private final HubClient client;
    private final ExecutorService pollers = Executors.newFixedThreadPool(2);

    public DeactivationProbe(HubClient client) {
        this.client = client;
    }

    /**
     * One deactivation.
     *
     * @param scimUserName the userName the IdP sent
     * @param hubUsername the managed username SCIM reported
     * @param gatewayMs from sending the PATCH to the gateway's first 401 (polled from that moment on)
     * @param policyMs from sending the PATCH to policy's first deny
     * @param scimMs the PATCH's own response time
     * @param policyReason the reason policy gave when it denied
     * @param sessionCookie the SSO session the token was created from (refused since the deactivation)
     */
    public record Sample(String scimUserName, String hubUsername, double gatewayMs, double policyMs, double scimMs,
            String policyReason, String sessionCookie) {
    }

    /** Creates a user, checks it is let in, deactivates it and measures how long until it is shut out. */
    public Sample run(String tag) throws Exception {
        String org = client.endpoints().org();
        String subject = "probe-" + tag;
        String userName = "probe." + tag + "@" + org + ".example";
        // the IdP's SCIM client names the person by the subject its logins carry: JIT links by it
        JsonNode created = client.scimCreateUser(userName, userName, subject).expect(201, "SCIM create").body();
        String scimId = created.get("id").asText();
        String username = created.path(ACCOUNT_EXTENSION).path("username").asText();
        if (username.isEmpty()) {
            throw new IllegalStateException("SCIM response lacks the hub username: " + created);
        }

        String cookie = awaitLogin(client, org, username, subject, HubClient.loginClaims(userName, "sid-" + tag));
        String token = client.createApiToken(cookie, "write").expect(201, "API token from the SSO session").body()
                .get("token").asText();
        await(() -> client.verify(token) == 200, 10_000, "gateway accepts the token of " + username);
        await(() -> allowed(username, org), 30_000, "policy allows " + username);

        // The pollers start with the PATCH, not after its response: the gateway and policy may
        // refuse the user before the SCIM response is back, and that moment is what is measured.
        String[] reason = new String[1];
        long t0 = System.nanoTime();
        CompletableFuture<Double> gateway = CompletableFuture.supplyAsync(
                () -> until(t0, () -> client.verify(token) == 401), pollers);
        CompletableFuture<Double> policy = CompletableFuture.supplyAsync(() -> until(t0, () -> {
            JsonNode d = client.decideRepoCreate(username, org).body();
            if (d != null && !d.path("allow").asBoolean(true)) {
                reason[0] = d.path("reason").asText();
                return true;
            }
            return false;
        }), pollers);
        HubClient.Reply patch = client.scimDeactivateEntra(scimId);
        double scimMs = (System.nanoTime() - t0) / 1e6;
        if (patch.status() != 200 && patch.status() != 204) {
            gateway.cancel(true);
            policy.cancel(true);
            throw new IllegalStateException("deactivation PATCH failed: " + patch.status() + " " + patch.raw());
        }
        return new Sample(userName, username, gateway.get(30, TimeUnit.SECONDS), policy.get(30, TimeUnit.SECONDS), scimMs,
                reason[0], cookie);
    }

    /**
     * Once provisioning holds the SCIM-created account {@code username}, logs in as {@code subject}
     * (retried while the gateway has not heard of the account yet); the session cookie.
     */
    static String awaitLogin(HubClient client, String org, String username, String subject, String claims)
            throws InterruptedException {
        await(() -> client.getAccount(org, username).status() == 200, 30_000, "provisioning learns about " + username);
        String[] lastError = new String[1];
        try {
            return awaitValue(() -> {
                try {
                    return client.login(subject, claims);
                } catch (IllegalStateException notYet) {
                    lastError[0] = notYet.getMessage();
                    return null;
                }
            }, 30_000, "SSO login of " + subject);
        } catch (IllegalStateException timedOut) {
            throw new IllegalStateException(timedOut.getMessage() + "; last attempt: " + lastError[0], timedOut);
        }
    }

    private boolean allowed(String username, String org) {
        JsonNode d = client.decideRepoCreate(username, org).body();
        return d != null && d.path("allow").asBoolean(false);
    }

    /**
     * Polls until the condition holds; ms since t0. A pause of {@link #POLL_PAUSE_NANOS} between
     * requests keeps the probe from taking the CPU that the pipeline it measures needs (on a
     * 2-core machine two busy pollers would); it bounds the resolution to about that pause.
     */
    private static double until(long t0, BooleanSupplier condition) {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - t0) / 1e6;
            }
            LockSupport.parkNanos(POLL_PAUSE_NANOS);
        }
        throw new IllegalStateException("no refusal within 20 s of the deactivation");
    }

    private static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        awaitValue(() -> condition.getAsBoolean() ? Boolean.TRUE : null, timeoutMs, what);
    }

    private static <T> T awaitValue(java.util.function.Supplier<T> value, long timeoutMs, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out waiting: " + what);
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
