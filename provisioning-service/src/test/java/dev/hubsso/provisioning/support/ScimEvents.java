package dev.hubsso.provisioning.support;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.events.Topics;
import dev.hubsso.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays scim-service: a real producer on {@code scim.changes.v1}, records keyed by SCIM user id
 * with CloudEvents headers. Every record goes to one partition, so the records of a test are
 * consumed in the order sent, whatever their keys (a later record proves the earlier ones were
 * processed).
 */
public final class ScimEvents implements AutoCloseable {

    /** The partition all test records go to. */
    public static final int PARTITION = 0;

    private final KafkaProducer<String, String> producer;

    public ScimEvents() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Publishes a change as scim-service's outbox relay would. */
    public void send(ScimUserChanged event) {
        send(event.scimUserId(), EventCodec.encode(event), EventType.SCIM_USER_CHANGED.ceType(), event.eventId());
    }

    /** Publishes changes without waiting for each (they reach the consumer in one poll, as a burst would). */
    public void sendAll(List<ScimUserChanged> events) {
        List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
        for (ScimUserChanged e : events) {
            ProducerRecord<String, String> r = new ProducerRecord<>(Topics.SCIM_CHANGES, PARTITION, e.scimUserId(),
                    EventCodec.encode(e));
            r.headers().add(CloudEventHeaders.TYPE, EventType.SCIM_USER_CHANGED.ceType().getBytes(StandardCharsets.UTF_8));
            r.headers().add(CloudEventHeaders.ID, e.eventId().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(r));
        }
        producer.flush();
        for (var ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            } catch (ExecutionException | TimeoutException ex) {
                throw new IllegalStateException("cannot produce to " + Topics.SCIM_CHANGES, ex);
            }
        }
    }

    /** Publishes any value; {@code ceType} null leaves the header out. */
    public void send(String key, String value, String ceType, String ceId) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.SCIM_CHANGES, PARTITION, key, value);
        if (ceType != null) {
            r.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        }
        r.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.ID, ceId.getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.SOURCE, "/scim-service".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(r).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce to " + Topics.SCIM_CHANGES, e);
        }
    }

    /** A SCIM user change with a fresh event id. */
    public static ScimUserChanged change(String orgId, String scimUserId, Change change, long version,
            String userName, String hubUsername, String email, boolean active) {
        ScimUserSnapshot user = new ScimUserSnapshot(userName, "ext-" + scimUserId, "Given", "Family", null, email,
                active, hubUsername);
        return new ScimUserChanged(UUID.randomUUID().toString(), Instant.now(), orgId, scimUserId, change, version,
                user, List.of(), "scim-token:test");
    }

    @Override
    public void close() {
        producer.close();
    }
}
