package dev.hubsso.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.Topics;
import dev.hubsso.testsupport.KafkaBroker;
import dev.hubsso.testsupport.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay over a real PostgreSQL and a real broker that the test takes away and brings back. */
class OutboxRelayTest {

    private static final String TOPIC = Topics.SESSION_REVOCATIONS;
    private static PostgresServer pg;
    private static KafkaBroker broker;
    private static Vertx vertx;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.shared();
        db = pg.createTestDatabase("outbox");
        broker = KafkaBroker.start(Files.createTempDirectory("relay-kafka-"), 0);
        broker.createTopics(Topics.ALL);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        broker.close();
        vertx.close();
    }

    @Test
    void publishesInOrderWithCloudEventHeadersAndEmptiesTheTable() throws Exception {
        String schema = createSchema("ordered");
        try (OutboxRelay relay = relay(schema)) {
            relay.start();
            insert(schema, "user-1", "a", "b", "c");
            insert(schema, "user-2", "x");
            consumeUntil("user-2", 1, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = consumeUntil("user-1", 3, Duration.ofSeconds(30)).stream()
                    .filter(r -> r.key().equals("user-1")).toList();
            assertEquals(List.of(payload("a"), payload("b"), payload("c")),
                    records.stream().map(ConsumerRecord::value).toList(), "one key's events stay in order");
            ConsumerRecord<String, String> first = records.get(0);
            assertEquals("1.0", header(first, CloudEventHeaders.SPEC_VERSION));
            assertEquals("hub.auth.session-revoked", header(first, CloudEventHeaders.TYPE));
            assertEquals("/relay-test", header(first, CloudEventHeaders.SOURCE));
            assertTrue(header(first, CloudEventHeaders.ID).startsWith("id-"));
            Instant.parse(header(first, CloudEventHeaders.TIME));
            waitFor(() -> count(schema) == 0, Duration.ofSeconds(10), "published rows are removed");
        }
    }

    @Test
    void eventCommittedWhileTheBrokerIsDownIsPublishedWhenItIsBack() throws Exception {
        String schema = createSchema("outage");
        try (OutboxRelay relay = relay(schema)) {
            relay.start();
            waitFor(relay::isLeader, Duration.ofSeconds(10), "relay active");
            broker.stop();
            try {
                insert(schema, "user-outage", "during-outage");
                Thread.sleep(3_000);
                assertEquals(1, count(schema), "the row waits in the outbox while Kafka is unreachable");
            } finally {
                broker.restart();
            }
            List<ConsumerRecord<String, String>> records = consumeUntil("user-outage", 1, Duration.ofSeconds(60)).stream()
                    .filter(r -> r.key().equals("user-outage")).toList();
            assertEquals(payload("during-outage"), records.get(0).value());
            waitFor(() -> count(schema) == 0, Duration.ofSeconds(10), "row removed after the broker acknowledged it");
        }
    }

    @Test
    void onlyOneRelayPerSchemaIsActive() throws Exception {
        String schema = createSchema("leader");
        try (OutboxRelay a = relay(schema); OutboxRelay b = relay(schema)) {
            a.start();
            waitFor(a::isLeader, Duration.ofSeconds(10), "first relay takes the lock");
            b.start();
            Thread.sleep(1_500);
            assertFalse(b.isLeader(), "second relay waits");
            a.close();
            waitFor(b::isLeader, Duration.ofSeconds(10), "second relay takes over when the first stops");
            insert(schema, "user-failover", "after-failover");
            assertEquals(1, consumeUntil("user-failover", 1, Duration.ofSeconds(30)).stream()
                    .filter(r -> r.key().equals("user-failover")).count());
        }
    }

    private static OutboxRelay relay(String schema) {
        PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(db)
                .setUser(pg.user()).setPassword(pg.password());
        var producerConfig = OutboxRelay.producerConfig(broker.bootstrapServers(), Map.of());
        return new OutboxRelay(vertx, options, schema, OutboxRelay.producers(producerConfig), 100,
                Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    private static String createSchema(String name) throws Exception {
        String sql;
        try (InputStream in = OutboxRelayTest.class.getResourceAsStream("/db/outbox/V1_0__outbox.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + name + " cascade");
            st.execute("create schema " + name);
            st.execute("set search_path to " + name);
            st.execute(sql);
        }
        return name;
    }

    private static void insert(String schema, String key, String... values) throws Exception {
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into " + schema + ".outbox "
                    + "(topic, msg_key, ce_type, ce_id, ce_source, ce_time, payload) values (?,?,?,?,?,now(),?)")) {
                for (String v : values) {
                    ps.setString(1, TOPIC);
                    ps.setString(2, key);
                    ps.setString(3, "hub.auth.session-revoked");
                    ps.setString(4, "id-" + v);
                    ps.setString(5, "/relay-test");
                    ps.setString(6, payload(v));
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static String payload(String v) {
        return "{\"v\":\"" + v + "\"}";
    }

    private static long count(String schema) {
        try (Connection c = jdbc(); var rs = c.createStatement().executeQuery("select count(*) from " + schema + ".outbox")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
    }

    /** Reads the topic from the beginning until a record with {@code key} arrived; returns that key's records. */
    private static List<ConsumerRecord<String, String>> consumeUntil(String key, int n, Duration timeout) {
        List<ConsumerRecord<String, String>> all = consume(list -> list.stream().filter(r -> r.key().equals(key)).count() >= n,
                timeout);
        return all;
    }

    private static List<ConsumerRecord<String, String>> consume(
            java.util.function.Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(TOPIC).stream()
                    .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
                if (done.test(out)) {
                    return out;
                }
            }
        }
        throw new AssertionError("expected records did not arrive within " + timeout + "; got " + out.size());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }
}
