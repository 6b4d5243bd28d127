package dev.hubsso.scim.support;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.Topics;
import dev.hubsso.events.UserState;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Hub accounts the way provisioning-service announces them: {@link UserState} snapshots on the
 * compacted {@code hub.user-state.v1} of the real broker.
 */
public final class HubAccounts {

    private static KafkaProducer<String, String> producer;

    private HubAccounts() {
    }

    /** An account created just in time at a login: no SCIM user has claimed it. */
    public static UserState jit(String orgId, String username, String externalId, String email) {
        return new UserState(UUID.randomUUID().toString(), orgId, username, true, UserStatus.ACTIVE, "read", Map.of(),
                email, null, 1, Instant.now(), null, externalId);
    }

    /** An account provisioned for (or taken over by) SCIM user {@code scimUserId}. */
    public static UserState linked(String orgId, String username, String scimUserId, UserStatus status, long version) {
        return new UserState(UUID.randomUUID().toString(), orgId, username, true, status, "read", Map.of(), null, null,
                version, Instant.now(), scimUserId, null);
    }

    /** Publishes a snapshot (key userId, ce_type header) and waits for the broker's acknowledgement. */
    public static synchronized void publish(UserState state) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USER_STATE, state.userId(),
                EventCodec.encode(state));
        record.headers().add(CloudEventHeaders.TYPE, EventType.USER_STATE.ceType().getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish account snapshot", e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
