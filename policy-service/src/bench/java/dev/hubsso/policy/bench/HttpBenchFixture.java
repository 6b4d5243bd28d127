package dev.hubsso.policy.bench;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.HubEvent;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserState;
import dev.hubsso.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For the HTTP benchmark: starts a real single-node KRaft broker (test-support), publishes 100
 * organizations and 10,000 accounts to the compacted topics, writes the request bodies wrk sends
 * ({@code single.jsonl}: one question per line; {@code batch.json}: 1,000 questions) and the
 * bootstrap servers into the given directory, then keeps the broker up until stdin closes.
 */
public final class HttpBenchFixture {

    static final int ORGS = 100;
    static final int USERS = 10_000;

    private HttpBenchFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        try {
            broker.createTopics(Topics.ALL);
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("linger.ms", "5");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                Instant now = Instant.now();
                for (int o = 0; o < ORGS; o++) {
                    send(producer, new OrgConfig("o-" + o, "org-" + o, "c" + o, OrgConfig.SsoMode.MANAGED, o % 2 == 0,
                            OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS, List.of(), "read", List.of(), null, 1, false, now));
                }
                for (int u = 0; u < USERS; u++) {
                    send(producer, new UserState("u-" + u, "o-" + (u % ORGS), username(u), true,
                            u % 50 == 0 ? UserState.UserStatus.DEACTIVATED : UserState.UserStatus.ACTIVE, "write", Map.of(), null,
                            null, 1, now));
                }
                producer.flush();
            }
            List<String> questions = new ArrayList<>();
            String[] actions = { "repo.create", "repo.write", "repo.read", "repo.contribute", "repo.fork", "repo.update_visibility" };
            for (int i = 0; i < 1000; i++) {
                int u = (i * 7919) % USERS;
                String subject = i % 2 == 0 ? "{\"username\":\"" + username(u) + "\"}" : "{\"userId\":\"u-" + u + "\"}";
                String action = actions[i % actions.length];
                String ns = switch (i % 4) {
                    case 0 -> "{\"kind\":\"org\",\"name\":\"org-" + (u % ORGS) + "\"}";
                    case 1 -> "{\"kind\":\"user\",\"name\":\"" + username(u) + "\"}";
                    case 2 -> "{\"kind\":\"org\",\"name\":\"org-" + ((u + 1) % ORGS) + "\"}";
                    default -> "{\"kind\":\"user\",\"name\":\"someone\"}";
                };
                String visibility = i % 3 == 0 ? "public" : "private";
                questions.add("{\"subject\":" + subject + ",\"action\":\"" + action + "\",\"resource\":{\"type\":\"model\",\"namespace\":"
                        + ns + ",\"visibility\":\"" + visibility + "\",\"repo\":\"r" + i + "\"}}");
            }
            Files.write(dir.resolve("single.jsonl"), questions, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("batch.json"), "{\"questions\":[" + String.join(",", questions) + "]}\n");
            Files.writeString(dir.resolve("bootstrap"), broker.bootstrapServers());
            System.out.println("fixture ready: " + broker.bootstrapServers());
            while (System.in.read() >= 0) {
                // keep the broker up until the script closes our stdin
            }
        } finally {
            broker.close();
        }
    }

    static String username(int u) {
        return "user" + u + "-c" + (u % ORGS);
    }

    private static void send(KafkaProducer<String, String> producer, HubEvent e) {
        EventType type = EventType.of(e);
        ProducerRecord<String, String> r = new ProducerRecord<>(type.topic(), e.key(), EventCodec.encode(e));
        r.headers().add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
        producer.send(r);
    }
}
