package dev.hubsso.provisioning.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real Kafka consumer that reads every partition of some topics from their current end (no
 * consumer group), keeping what it saw, so a test asserts on what the service published after
 * the probe started.
 */
public final class TopicProbe implements AutoCloseable {

    /** One consumed record. */
    public record Rec(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {

        public String ceType() {
            return headers.get(CloudEventHeaders.TYPE);
        }

        public JsonNode json() {
            try {
                return EventCodec.mapper().readTree(value);
            } catch (JsonProcessingException e) {
                throw new AssertionError("record value is not JSON: " + value, e);
            }
        }

        @Override
        public String toString() {
            return topic + "/" + partition + "@" + offset + " " + ceType() + " " + key + " " + value;
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Rec> seen = new ArrayList<>();

    private TopicProbe(List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test produces anything
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
    }

    /** A probe positioned at the current end of these topics. */
    public static TopicProbe fromEnd(String... topics) {
        return new TopicProbe(Arrays.asList(topics));
    }

    /** Every record seen so far, after one more poll. */
    public synchronized List<Rec> records() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
            seen.add(new Rec(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers));
        }
        return List.copyOf(seen);
    }

    /** The records seen so far that match. */
    public List<Rec> matching(Predicate<Rec> filter) {
        return records().stream().filter(filter).toList();
    }

    /** Waits until at least {@code count} records match, and returns all matching ones. */
    public List<Rec> awaitAtLeast(int count, Predicate<Rec> filter) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> matching(filter).size() >= count);
        return matching(filter);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
