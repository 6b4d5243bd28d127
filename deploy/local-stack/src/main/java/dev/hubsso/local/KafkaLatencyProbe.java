package dev.hubsso.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's own produce-to-consume latency on the same broker, with the producer and consumer
 * settings the suite uses (idempotent producer, acks=all; group-less consumer): the baseline the
 * deactivation latency is compared with.
 */
public final class KafkaLatencyProbe {

    /** The probe's topic; not part of the event contract. */
    public static final String TOPIC = "bench.kafka-latency";

    private KafkaLatencyProbe() {
    }

    /** Sends {@code messages} records one at a time and returns each one's produce-to-consume latency in ms. */
    public static List<Double> measure(String bootstrapServers, int messages) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!names.contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> pc = new HashMap<>();
        pc.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        pc.put(ProducerConfig.ACKS_CONFIG, "all");
        pc.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pc.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Map<String, Object> cc = new HashMap<>();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cc.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        String run = Long.toString(System.nanoTime());
        List<Double> latencies = new ArrayList<>(messages);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cc, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        arrivals.put(r.value(), System.nanoTime());
                    }
                }
            }, "kafka-latency-reader");
            reader.start();
            try {
                producer.send(new ProducerRecord<>(TOPIC, "warmup", "warmup-" + run)).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < messages; i++) {
                    String id = run + "-" + i;
                    long t0 = System.nanoTime();
                    producer.send(new ProducerRecord<>(TOPIC, "k", id));
                    long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
                    Long at;
                    while ((at = arrivals.get(id)) == null) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("record " + i + " not consumed within 10 s");
                        }
                        Thread.onSpinWait();
                    }
                    latencies.add((at - t0) / 1e6);
                }
            } finally {
                running.set(false);
                reader.join(5_000);
            }
        }
        return latencies;
    }
}
