package dev.hubsso.provisioning.bench;

import static dev.hubsso.provisioning.support.AdminClient.admin;
import static dev.hubsso.provisioning.support.AdminClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.Topics;
import dev.hubsso.provisioning.support.AdminClient;
import dev.hubsso.provisioning.support.Jit;
import dev.hubsso.testsupport.HubInfrastructure;
import dev.hubsso.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks (not part of the test run; see docs/benchmarks/provisioning.md): a burst of SCIM
 * user creations until every lifecycle event is on Kafka, and the JIT call's latency. Sizes:
 * {@code -Dbench.users} (default 100000), {@code -Dbench.jit} (default 2000), {@code -Dbench.warmup}
 * (JIT calls before measuring, default 1000).
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class ProvisioningBench {

    private static final int USERS = Integer.getInteger("bench.users", 100_000);
    private static final int JIT_CALLS = Integer.getInteger("bench.jit", 2000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1000);
    private static final Path RESULTS = Path.of("target/bench/provisioning.txt");

    @Test
    void scimBurstThenJit() throws Exception {
        Files.createDirectories(RESULTS.getParent());
        String org = "bench-" + unique(6);
        String code = unique(5);
        String orgId = AdminClient.createOrg(org, code);
        String issuer = "https://login." + code + ".example.com";
        admin().body(Map.of("idp", Map.of("issuer", issuer, "clientId", "hub"), "roleMapping", List.of(
                Map.of("attribute", "groups", "values", List.of("hub-admins"), "role", "admin"))))
                .patch("/admin/orgs/" + org).then().statusCode(200);

        String jitBefore = jitPhase(org, issuer, code, "before");

        // counts this org's lifecycle events as they reach Kafka
        AtomicLong provisioned = new AtomicLong();
        AtomicLong states = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread counter = new Thread(() -> count(orgId, provisioned, states, stop), "bench-counter");
        counter.start();
        Thread.sleep(2000);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            byte[] type = EventType.SCIM_USER_CHANGED.ceType().getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < USERS; i++) {
                String scimId = UUID.randomUUID().toString();
                String userName = "user" + i + "@" + code + ".example.com";
                ScimUserChanged e = new ScimUserChanged(UUID.randomUUID().toString(), Instant.now(), orgId, scimId,
                        Change.CREATED, 1, new ScimUserSnapshot(userName, "ext-" + i, "Given", "Family", null,
                                userName, true, "user" + i + "-" + code), List.of(), "scim-token:bench");
                ProducerRecord<String, String> r = new ProducerRecord<>(Topics.SCIM_CHANGES, scimId, EventCodec.encode(e));
                r.headers().add(CloudEventHeaders.TYPE, type);
                r.headers().add(CloudEventHeaders.ID, e.eventId().getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(20).toNanos();
        while ((provisioned.get() < USERS || states.get() < USERS) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long done = System.nanoTime();
        stop.set(true);
        counter.join();
        assertEquals(USERS, provisioned.get(), "UserProvisioned events");
        String burst = "(load average " + loadAverage() + ") " + String.format("SCIM burst: %d ScimUserChanged CREATED produced in %.1f s; all %d UserProvisioned"
                + " and %d UserState on Kafka after %.1f s (%.0f users/s)%n", USERS, (produced - t0) / 1e9,
                provisioned.get(), states.get(), (done - t0) / 1e9, USERS / ((done - t0) / 1e9));

        String jitAfter = jitPhase(org, issuer, code, "after");
        String out = "# " + Instant.now() + " cores=" + Runtime.getRuntime().availableProcessors() + System.lineSeparator()
                + "Before the burst (accounts table nearly empty):" + System.lineSeparator() + jitBefore
                + burst + "After the burst (" + USERS + " more accounts):" + System.lineSeparator() + jitAfter;
        System.out.println(out);
        Files.writeString(RESULTS, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String jitPhase(String org, String issuer, String code, String tag) {
        // JIT: warm up, then first logins (account creation) and repeat logins (link + role mapping)
        for (int i = 0; i < WARMUP; i++) {
            jit(org, issuer, code, tag + "warm" + i, i % 2 == 0);
        }
        long[] first = new long[JIT_CALLS];
        long[] repeat = new long[JIT_CALLS];
        for (int i = 0; i < JIT_CALLS; i++) {
            long s = System.nanoTime();
            jit(org, issuer, code, tag + "j" + i, true);
            first[i] = System.nanoTime() - s;
        }
        for (int i = 0; i < JIT_CALLS; i++) {
            long s = System.nanoTime();
            jit(org, issuer, code, tag + "j" + i, i % 2 == 0);
            repeat[i] = System.nanoTime() - s;
        }
        return "(load average " + loadAverage() + ") JIT first login (creates the account), " + JIT_CALLS + " sequential calls: " + percentiles(first)
                + System.lineSeparator() + "JIT repeat login (links, re-applies roles; half change role), " + JIT_CALLS
                + " sequential calls: " + percentiles(repeat) + System.lineSeparator();
    }

    private static void jit(String org, String issuer, String code, String who, boolean admin) {
        Jit.login(org, issuer, "sub-" + who, who + "@" + code + ".example.com", true,
                Jit.claims("sub-" + who, who, admin ? List.of("hub-admins") : List.of())).statusCode(200);
    }

    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", at(s, 0.50), at(s, 0.95), at(s, 0.99),
                s[s.length - 1] / 1e6);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static void count(String orgId, AtomicLong provisioned, AtomicLong states, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(Topics.USER_LIFECYCLE, Topics.USER_STATE)) {
                c.partitionsFor(t, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
            }
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(tp -> c.position(tp, Duration.ofSeconds(30)));
            String provisionedType = EventType.USER_PROVISIONED.ceType();
            while (!stop.get()) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (!r.value().contains(orgId)) {
                        continue;
                    }
                    if (r.topic().equals(Topics.USER_STATE)) {
                        states.incrementAndGet();
                    } else {
                        Header h = r.headers().lastHeader(CloudEventHeaders.TYPE);
                        if (h != null && provisionedType.equals(new String(h.value(), StandardCharsets.UTF_8))) {
                            provisioned.incrementAndGet();
                        }
                    }
                }
            }
        }
    }
}
