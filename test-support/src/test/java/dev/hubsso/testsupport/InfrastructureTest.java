package dev.hubsso.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The infrastructure that every other module's tests stand on really works. */
class InfrastructureTest {

    @Test
    void postgresAcceptsConnectionsAndCreatesDatabases() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        String db = pg.createTestDatabase("infra");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password())) {
            var rs = c.createStatement().executeQuery("select current_database(), current_setting('server_version_num')::int");
            assertTrue(rs.next());
            assertEquals(db, rs.getString(1));
            assertTrue(rs.getInt(2) >= 150000, "PostgreSQL 15+");
        }
    }

    @Test
    void brokerKeepsRecordsAcrossARestartAndCompactsWhereTheContractSays() throws Exception {
        Path dir = Files.createTempDirectory("kafka-restart-");
        try (KafkaBroker broker = KafkaBroker.start(dir, 0)) {
            broker.createTopics(Topics.ALL);
            try (var admin = broker.admin()) {
                Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                for (Topics.TopicSpec spec : Topics.ALL) {
                    assertTrue(names.contains(spec.name()), spec.name());
                    var res = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                    ConfigEntry policy = admin.describeConfigs(List.of(res)).all().get(10, TimeUnit.SECONDS)
                            .get(res).get("cleanup.policy");
                    assertEquals(spec.compacted() ? "compact" : "delete", policy.value(), spec.name());
                }
            }
            produce(broker, "before-restart");
            broker.restart();
            produce(broker, "after-restart");
            assertEquals(List.of("before-restart", "after-restart"), readAll(broker));
        }
    }

    @Test
    void openIdProviderServesDiscoveryJwksAndSignedTokensPerIssuer() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        OpenIdProvider op = OpenIdProvider.shared();
        for (String issuerId : List.of("demo", "acme")) {
            var discovery = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(op.issuer(issuerId) + "/.well-known/openid-configuration")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, discovery.statusCode());
            assertTrue(discovery.body().contains("\"issuer\" : \"" + op.issuer(issuerId) + "\""), discovery.body());
        }
        var token = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(op.issuer("demo") + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=hub&client_secret=s&scope=openid"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = token.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertEquals(3, accessToken.split("\\.").length, "a signed JWT");
    }

    private static void produce(KafkaBroker broker, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SESSION_REVOCATIONS, 0, "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(KafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.SESSION_REVOCATIONS, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
