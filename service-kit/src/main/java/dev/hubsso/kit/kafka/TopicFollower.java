package dev.hubsso.kit.kafka;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.HubEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows every partition of some topics on a thread of its own, without a consumer group, so
 * that each replica sees every event (a revocation must reach all replicas, not one).
 *
 * <p>Topics subscribed from the {@link Start#BEGINNING} (the compacted snapshots) are read up
 * to the end offsets they had when the follower started before it reports {@link #isReady()
 * ready}; topics subscribed from the {@link Start#END} are followed from that moment on. The
 * handler runs on the follower's thread, one record at a time, in partition order.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    /** Where a subscription starts reading. */
    public enum Start {
        BEGINNING, END
    }

    /** A topic and where to start reading it. */
    public record Subscription(String topic, Start start) {
    }

    /** Receives every record; {@code event} is null for tombstones and unknown or malformed values. */
    @FunctionalInterface
    public interface RecordHandler {
        void onRecord(ConsumerRecord<String, String> record, HubEvent event);
    }

    private final String name;
    private final Map<String, Object> config;
    private final List<Subscription> subscriptions;
    private final RecordHandler handler;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Object progress = new Object();
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param name used in the thread name and logs
     * @param bootstrapServers Kafka bootstrap servers
     * @param extraConfig further consumer properties (security etc.)
     * @param subscriptions what to follow
     * @param handler what to do with each record
     */
    public TopicFollower(String name, String bootstrapServers, Map<String, Object> extraConfig,
            List<Subscription> subscriptions, RecordHandler handler) {
        this.name = name;
        this.subscriptions = List.copyOf(subscriptions);
        this.handler = handler;
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        c.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        c.putAll(extraConfig);
        this.config = c;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "topic-follower-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the snapshot topics were read to the end they had at start. */
    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** Waits until {@link #isReady()}; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Next offset to process, per partition: everything before it has been handled. */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    /**
     * Waits until the handled positions satisfy {@code condition}; false on timeout. Used for
     * read-your-writes: "answer only once you have seen offset N".
     */
    public boolean awaitPositions(Predicate<Map<TopicPartition, Long>> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!condition.test(positions)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer = c;
            Map<TopicPartition, Long> bootstrapTargets = assign(c);
            if (bootstrapTargets == null) {
                return;
            }
            LOG.infof("%s: reading %d snapshot partitions to their end before ready", name, bootstrapTargets.size());
            while (running) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    dispatch(r);
                }
                publishPositions(c);
                if (ready.getCount() > 0 && caughtUp(bootstrapTargets)) {
                    LOG.infof("%s: snapshot topics read, ready", name);
                    ready.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "%s: woken up while running", name);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: follower stopped", name);
        }
    }

    /** Assigns every partition of every subscribed topic, waiting for topics that do not exist yet. */
    private Map<TopicPartition, Long> assign(KafkaConsumer<String, String> c) {
        List<TopicPartition> fromBeginning = new ArrayList<>();
        List<TopicPartition> fromEnd = new ArrayList<>();
        for (Subscription s : subscriptions) {
            List<PartitionInfo> infos = List.of();
            while (running) {
                try {
                    infos = Optional.ofNullable(c.partitionsFor(s.topic(), Duration.ofSeconds(10))).orElse(List.of());
                } catch (RuntimeException e) {
                    LOG.warnf("%s: cannot read partitions of %s yet: %s", name, s.topic(), e.getMessage());
                }
                if (!infos.isEmpty()) {
                    break;
                }
                LOG.infof("%s: waiting for topic %s", name, s.topic());
                sleep(1000);
            }
            if (!running) {
                return null;
            }
            for (PartitionInfo i : infos) {
                (s.start() == Start.BEGINNING ? fromBeginning : fromEnd).add(new TopicPartition(i.topic(), i.partition()));
            }
        }
        List<TopicPartition> all = new ArrayList<>(fromBeginning);
        all.addAll(fromEnd);
        c.assign(all);
        // Both seeks treat an empty collection as "every assigned partition": never pass one.
        if (!fromBeginning.isEmpty()) {
            c.seekToBeginning(fromBeginning);
        }
        if (!fromEnd.isEmpty()) {
            c.seekToEnd(fromEnd);
        }
        Map<TopicPartition, Long> targets = new HashMap<>(c.endOffsets(fromBeginning));
        for (TopicPartition tp : fromEnd) {
            c.position(tp); // resolve the end position now, so nothing published after start is skipped
        }
        return targets;
    }

    private void dispatch(ConsumerRecord<String, String> r) {
        HubEvent event = null;
        if (r.value() != null) {
            Header type = r.headers().lastHeader(CloudEventHeaders.TYPE);
            try {
                event = type == null ? null
                        : EventCodec.decode(new String(type.value(), StandardCharsets.UTF_8), r.value()).orElse(null);
            } catch (EventCodec.MalformedEventException e) {
                LOG.warnf("%s: skipping malformed record %s-%d@%d: %s", name, r.topic(), r.partition(), r.offset(),
                        e.getMessage());
            }
        }
        try {
            handler.onRecord(r, event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: handler failed on %s-%d@%d; skipped", name, r.topic(), r.partition(), r.offset());
        }
    }

    private void publishPositions(KafkaConsumer<String, String> c) {
        Map<TopicPartition, Long> p = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            p.put(tp, c.position(tp));
        }
        synchronized (progress) {
            positions = Map.copyOf(p);
            progress.notifyAll();
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Long> p = positions;
        return targets.entrySet().stream().allMatch(e -> p.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
