package dev.hubsso.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.HubEvent;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserReactivated;
import dev.hubsso.events.UserState;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import dev.hubsso.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TopicFollowerTest {

    @Test
    void readsSnapshotsBeforeReadyThenFollowsLiveEventsOnly() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String run = String.valueOf(System.nanoTime());
        UserState early = state("u-" + run, 1);
        UserReactivated stale = new UserReactivated("stale-" + run, Instant.now(), "u-" + run, "o", "x-demo", 1);
        publish(broker, early);
        publish(broker, stale);

        List<HubEvent> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower follower = new TopicFollower("test", broker.bootstrapServers(), Map.of(),
                List.of(new Subscription(Topics.USER_STATE, Start.BEGINNING), new Subscription(Topics.USER_LIFECYCLE, Start.END)),
                (record, event) -> {
                    if (event != null && event.key().equals("u-" + run)) {
                        seen.add(event);
                    }
                })) {
            follower.start();
            assertTrue(follower.awaitReady(Duration.ofSeconds(30)), "ready after reading the snapshot topic");
            assertTrue(seen.contains(early), "snapshot published before start is read before ready");
            assertFalse(seen.contains(stale), "live topic starts at the end");

            UserReactivated live = new UserReactivated("live-" + run, Instant.now(), "u-" + run, "o", "x-demo", 2);
            RecordMetadata sent = publish(broker, live);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!seen.contains(live) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(seen.contains(live), "live event after start is delivered");
            // Positions are published after the handler returns: wait for them rather than race them.
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
            assertTrue(follower.awaitPositions(p -> p.getOrDefault(partition, 0L) > sent.offset(), Duration.ofSeconds(10)),
                    "positions advance past handled records: " + follower.positions());
        }
    }

    @Test
    void aFollowerOfSnapshotsOnlyReadsThemBeforeReady() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String run = "s" + System.nanoTime();
        UserState early = state(run, 7);
        publish(broker, early);
        List<HubEvent> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower follower = new TopicFollower("test-snapshots-only", broker.bootstrapServers(), Map.of(),
                List.of(new Subscription(Topics.USER_STATE, Start.BEGINNING)), (record, event) -> {
                    if (event != null && event.key().equals(run)) {
                        seen.add(event);
                    }
                })) {
            follower.start();
            assertTrue(follower.awaitReady(Duration.ofSeconds(30)));
            assertEquals(List.of(early), seen, "the snapshot published before start is handled before ready");
        }
    }

    @Test
    void skipsMalformedRecordsAndKeepsGoing() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String run = "m" + System.nanoTime();
        List<HubEvent> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower follower = new TopicFollower("test-malformed", broker.bootstrapServers(), Map.of(),
                List.of(new Subscription(Topics.USER_LIFECYCLE, Start.END)), (record, event) -> {
                    if (event != null && event.key().equals(run)) {
                        seen.add(event);
                    }
                })) {
            follower.start();
            assertTrue(follower.awaitReady(Duration.ofSeconds(30)));
            try (var producer = producer(broker)) {
                var bad = new ProducerRecord<>(Topics.USER_LIFECYCLE, run, "{not json");
                bad.headers().add(CloudEventHeaders.TYPE, "hub.user.reactivated".getBytes(StandardCharsets.UTF_8));
                producer.send(bad).get(10, TimeUnit.SECONDS);
            }
            UserReactivated good = new UserReactivated("g", Instant.now(), run, "o", "x-demo", 3);
            publish(broker, good);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(good), seen);
        }
    }

    private static UserState state(String userId, long version) {
        return new UserState(userId, "o", "x-demo", true, UserState.UserStatus.ACTIVE, "read", Map.of(), null, null,
                version, Instant.now());
    }

    private static RecordMetadata publish(KafkaBroker broker, HubEvent e) throws Exception {
        EventType type = EventType.of(e);
        try (var producer = producer(broker)) {
            var record = new ProducerRecord<>(type.topic(), e.key(), EventCodec.encode(e));
            record.headers().add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
