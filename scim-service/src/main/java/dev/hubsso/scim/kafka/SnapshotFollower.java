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
    private final Subscription subscription;
    private final RecordHandler handler;
    private volatile TopicFollower follower;

    /**
     * @param name the follower's thread and log name
     * @param subscription the compacted topic to read, from {@link Start#BEGINNING}; the caller
     *     constructs it with the {@code Topics} constant, which is where the build's Kafka ACL check
     *     (deploy/k8s-checks, {@code KafkaAclTest}) finds the topics each service reads
     * @param handler what to do with each record, on the follower's thread
     */
    public SnapshotFollower(String name, KafkaClientSettings kafka, Subscription subscription, RecordHandler handler) {
        if (subscription.start() != Start.BEGINNING) {
            throw new IllegalArgumentException("a snapshot is read from the beginning: " + subscription);
        }
        this.name = name;
        this.kafka = kafka;
        this.subscription = subscription;
        this.handler = handler;
    }

    /** Starts reading the topic from its beginning. */
    public void start() {
        follower = new TopicFollower(name, kafka.bootstrapServers(), kafka.clientProperties(),
                List.of(subscription), handler);
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
