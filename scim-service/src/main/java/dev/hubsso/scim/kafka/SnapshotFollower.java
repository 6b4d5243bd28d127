package dev.hubsso.scim.kafka;

import dev.hubsso.kit.kafka.KafkaClientSettings;
import dev.hubsso.kit.kafka.TopicFollower;
import dev.hubsso.kit.kafka.TopicFollower.RecordHandler;
import dev.hubsso.kit.kafka.TopicFollower.Start;
import dev.hubsso.kit.kafka.TopicFollower.Subscription;
import java.util.List;

/**
 * The lifecycle of an in-memory view kept from one compacted topic: a {@link TopicFollower} that
 * reads the topic from the beginning and then follows it, created and started when the service
 * starts (not when the view is built, so a view can be used without Kafka in unit tests), closed
 * when it stops, and ready once everything present at start was read.
 */
public final class SnapshotFollower {

    private final String name;
    private final KafkaClientSettings kafka;
    private final String topic;
    private final RecordHandler handler;
    private volatile TopicFollower follower;

    /**
     * @param name the follower's thread and log name
     * @param topic the compacted topic to read
     * @param handler what to do with each record, on the follower's thread
     */
    public SnapshotFollower(String name, KafkaClientSettings kafka, String topic, RecordHandler handler) {
        this.name = name;
        this.kafka = kafka;
        this.topic = topic;
        this.handler = handler;
    }

    /** Starts reading the topic from its beginning. */
    public void start() {
        follower = new TopicFollower(name, kafka.bootstrapServers(), kafka.clientProperties(),
                List.of(new Subscription(topic, Start.BEGINNING)), handler);
        follower.start();
    }

    /** Stops reading; nothing to do when it never started. */
    public void stop() {
        TopicFollower f = follower;
        if (f != null) {
            f.close();
        }
    }

    /** True once every record present in the topic at start was read. */
    public boolean isReady() {
        TopicFollower f = follower;
        return f != null && f.isReady();
    }
}
