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

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !"deactivation".equals(args[1])) {
            System.err.println("usage: Bench <state-dir> deactivation [iterations=200] [kafka-messages=2000]");
            System.exit(2);
        }
        Path state = Path.of(args[0]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int kafkaMessages = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Endpoints endpoints = Endpoints.read(state.resolve("endpoints.env"));
        HubClient client = new HubClient(endpoints);

        int warmup = Math.max(3, iterations / 20);
        System.out.printf("deactivation benchmark: %d warm-up + %d measured deactivations, %d Kafka probe messages%n",
                warmup, iterations, kafkaMessages);
        List<Double> gateway = new ArrayList<>();
        List<Double> policy = new ArrayList<>();
        List<Double> scim = new ArrayList<>();
        String run = Long.toString(Instant.now().getEpochSecond(), 36);
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
