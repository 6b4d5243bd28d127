package dev.hubsso.scim.support;

import static org.awaitility.Awaitility.await;

import dev.hubsso.events.Topics;
import dev.hubsso.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads scim.changes.v1 on the real broker, as a downstream consumer would. */
public final class ScimChanges {

    private ScimChanges() {
    }

    /**
     * The records of one resource (by key) from the beginning of the topic, once at least
     * {@code expected} arrived, plus any that follow within a short grace period (so that an
     * unexpected extra event shows up).
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(String key, int expected) {
        return awaitRecords(java.util.Set.of(key), expected);
    }

    /** As {@link #awaitRecords(String, int)}, for the records of several resources together. */
    public static List<ConsumerRecord<String, String>> awaitRecords(java.util.Set<String> keys, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCIM_CHANGES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        found.add(r);
                    }
                }
                return found.size() >= expected;
            });
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(1500))) {
                if (keys.contains(r.key())) {
                    found.add(r);
                }
            }
        }
        return found;
    }
}
