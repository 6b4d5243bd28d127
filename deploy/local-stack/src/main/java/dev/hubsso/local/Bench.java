package dev.hubsso.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deploy/local/bench deactivation [iterations] [kafka-messages]}: against the running
 * local stack, repeats the SCIM deactivation and reports deactivation-to-gateway-401 and
 * deactivation-to-policy-deny percentiles next to Kafka's own produce-to-consume latency
 * measured in the same run.
 */
public final class Bench {

    private Bench() {
    }

    /**
     * Warms the services' code paths the way the measurement uses them, so that the figures show
     * the pipeline rather than the JIT compiler at work (a JVM compiles a method fully only after
     * thousands of calls): one user logs in through the org's IdP, creates an API token from that
     * session, and is deactivated and reactivated over SCIM {@code toggles} times, each followed by
     * a gateway check and a policy decision (the token is refused from the first deactivation on:
     * reactivation does not revive credentials, and the refusal path is the one measured).
     */
    static void warmUp(HubClient client, String run, int toggles) throws Exception {
        if (toggles <= 0) {
            return;
        }
        String org = client.endpoints().org();
        String subject = "warmup-" + run;
        String userName = "warmup." + run + "@" + org + ".example";
        var created = client.scimCreateUser(userName, userName, subject).expect(201, "SCIM create").body();
        String scimId = created.get("id").asText();
        String username = created.path(DeactivationProbe.ACCOUNT_EXTENSION).path("username").asText();
        // the warm-up user gets its token as the probe's users do: SSO login, then POST /api/tokens
        String cookie = DeactivationProbe.awaitLogin(client, org, username, subject,
                HubClient.loginClaims(userName, "sid-warmup-" + run));
        String token = client.createApiToken(cookie, "write").expect(201, "warm-up API token").body().get("token").asText();
        for (int i = 0; i < toggles; i++) {
            HubClient.Reply patched;
            while ((patched = client.scimSetActiveEntra(scimId, i % 2 == 1)).status() == 429) {
                // the org's SCIM rate limit (default 100 requests/s): wait as an IdP does (Retry-After: 1)
                Thread.sleep(1_000);
            }
            patched.expect(200, "warm-up PATCH");
            client.verify(token);
            client.decideRepoCreate(username, client.endpoints().org());
            if ((i + 1) % 500 == 0) {
                System.out.printf("  warm-up %d/%d%n", i + 1, toggles);
            }
        }
    }

    private static String run() {
        return Long.toString(Instant.now().getEpochSecond(), 36);
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && "scim".equals(args[1])) {
            ScimBench.main(Path.of(args[0]), List.of(args).subList(2, args.length));
            return;
        }
        if (args.length < 2 || !"deactivation".equals(args[1])) {
            System.err.println("usage: Bench <state-dir> deactivation [iterations=200] [kafka-messages=2000]"
                    + " | scim throughput|lookups|all [...]");
            System.exit(2);
        }
        Path state = Path.of(args[0]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int kafkaMessages = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Endpoints endpoints = Endpoints.read(state.resolve("endpoints.env"));
        HubClient client = new HubClient(endpoints);

        int warmup = Math.max(3, iterations / 20);
        int warmupToggles = Integer.parseInt(System.getenv().getOrDefault("HUB_BENCH_WARMUP_TOGGLES", "4000"));
        System.out.printf("deactivation benchmark: %d warm-up toggles, %d warm-up + %d measured deactivations, %d Kafka probe messages%n",
                warmupToggles, warmup, iterations, kafkaMessages);
        warmUp(client, run(), warmupToggles);
        List<Double> gateway = new ArrayList<>();
        List<Double> policy = new ArrayList<>();
        List<Double> scim = new ArrayList<>();
        String run = run();
        try (DeactivationProbe probe = new DeactivationProbe(client)) {
            for (int i = 0; i < warmup + iterations; i++) {
                DeactivationProbe.Sample s = probe.run(run + "w" + i);
                if (i >= warmup) {
                    gateway.add(s.gatewayMs());
                    policy.add(s.policyMs());
                    scim.add(s.scimMs());
                }
                if ((i + 1) % 25 == 0) {
                    System.out.printf("  %d/%d%n", i + 1, warmup + iterations);
                }
            }
        }
        List<Double> kafka = KafkaLatencyProbe.measure(endpoints.kafkaBootstrapServers(), kafkaMessages);

        Percentiles g = Percentiles.of(gateway);
        Percentiles p = Percentiles.of(policy);
        Percentiles s = Percentiles.of(scim);
        Percentiles k = Percentiles.of(kafka);
        System.out.println();
        System.out.println("| measure | n | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(g.markdownRow("deactivation → gateway 401"));
        System.out.println(p.markdownRow("deactivation → policy deny"));
        System.out.println(s.markdownRow("SCIM PATCH response time"));
        System.out.println(k.markdownRow("Kafka produce → consume (baseline)"));
        System.out.println();
        System.out.printf("p99 ratio to Kafka p99: gateway %.1fx, policy %.1fx%n", g.p99() / k.p99(), p.p99() / k.p99());
        System.out.printf("goal p99 < 250 ms: gateway %s, policy %s%n", g.p99() < 250 ? "met" : "NOT met",
                p.p99() < 250 ? "met" : "NOT met");
    }
}
