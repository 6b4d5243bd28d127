package dev.hubsso.testsupport;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.EventType;
import dev.hubsso.events.HubEvent;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the shared test broker ({@link KafkaBroker#shared()}) the way a service's
 * outbox relay does: the event's topic, its key, its JSON, the CloudEvents headers. For tests that
 * stand in for another service (an org snapshot from provisioning, an account snapshot, a
 * lifecycle event).
 */
public final class EventPublisher {

    private static KafkaProducer<String, String> producer;

    private EventPublisher() {
    }

    /** Publishes one event and waits for the broker's acknowledgement; returns where it landed. */
    public static RecordMetadata publish(HubEvent event) {
        EventType type = EventType.of(event);
        ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), event.key(), EventCodec.encode(event));
        Headers h = record.headers();
        h.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        h.add(CloudEventHeaders.TYPE, bytes(type.ceType()));
        h.add(CloudEventHeaders.ID, bytes(event.ceId()));
        h.add(CloudEventHeaders.SOURCE, bytes("/test"));
        if (event.occurredAt() != null) {
            h.add(CloudEventHeaders.TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(event.occurredAt())));
        }
        h.add(CloudEventHeaders.SUBJECT, bytes(event.key()));
        h.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + type, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new StringSerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
            producer = p;
        }
        return producer;
    }
}
