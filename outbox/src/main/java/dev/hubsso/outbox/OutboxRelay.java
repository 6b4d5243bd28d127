package dev.hubsso.outbox;

import static dev.hubsso.events.CloudEventHeaders.CONTENT_TYPE;
import static dev.hubsso.events.CloudEventHeaders.ID;
import static dev.hubsso.events.CloudEventHeaders.JSON;
import static dev.hubsso.events.CloudEventHeaders.SOURCE;
import static dev.hubsso.events.CloudEventHeaders.SPEC_VERSION;
import static dev.hubsso.events.CloudEventHeaders.SPEC_VERSION_VALUE;
import static dev.hubsso.events.CloudEventHeaders.SUBJECT;
import static dev.hubsso.events.CloudEventHeaders.TIME;
import static dev.hubsso.events.CloudEventHeaders.TYPE;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acknowledged
 * them. Runs on its own thread, never on an event loop, so it may wait for Kafka.
 *
 * <p>Exactly one relay per service publishes: the one holding a PostgreSQL advisory lock on its
 * dedicated connection. The same connection LISTENs on {@code outbox_<schema>}, so a commit
 * wakes the relay at once; a poll interval covers lost notifications. A row is deleted only
 * after Kafka acknowledged it, so an unreachable broker delays events but never loses one; a
 * crash between acknowledgement and delete republishes, which consumers absorb (events carry
 * ids and versions).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Vertx vertx;
    private final PgConnectOptions db;
    private final String schema;
    private final Supplier<Producer<String, String>> producers;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final String table;
    private final long lockKey;

    private volatile boolean running;
    private volatile boolean leader;
    private volatile Thread thread;
    private PgConnection connection;
    private Producer<String, String> producer;

    public OutboxRelay(Vertx vertx, PgConnectOptions db, String schema, Supplier<Producer<String, String>> producers,
            int batchSize, Duration pollInterval, Duration maxBackoff) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema must be a lowercase identifier: " + schema);
        }
        this.vertx = vertx;
        this.db = db;
        this.schema = schema;
        this.producers = producers;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.table = schema + ".outbox";
        this.lockKey = ("outbox:" + schema).hashCode();
    }

    /** Kafka producer settings for the relay: idempotent, ordered, quick to notice an outage. */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, ?> clientProperties) {
        // connection settings (TLS, SASL…) from the application; ordering and durability settings are the relay's own
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // a batch's records wait in the producer until publishBatch flushes them all at once:
        // one produce request per partition leader for the whole batch, and no added latency
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return p;
    }

    /** A producer factory for {@link #producerConfig}. */
    public static Supplier<Producer<String, String>> producers(Map<String, Object> config) {
        return () -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay-" + schema);
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the relay now (also done by PostgreSQL notifications). */
    public void wake() {
        wakeups.release();
    }

    /** True while this replica holds the relay lock. */
    public boolean isLeader() {
        return leader;
    }

    /** Events published by this relay since it started. */
    public long publishedCount() {
        return published.get();
    }

    @Override
    public void close() {
        running = false;
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
        closeConnection();
    }

    private void loop() {
        long backoffMs = 100;
        while (running) {
            try {
                if (!ensureLeader()) {
                    wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                int n = publishBatch();
                backoffMs = 100;
                if (n < batchSize) {
                    wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay for %s: %s; retrying in %d ms", schema, rootMessage(e), backoffMs);
                closeProducer();
                if (isConnectionFailure()) {
                    closeConnection();
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
            }
        }
    }

    private boolean ensureLeader() throws Exception {
        if (connection == null) {
            leader = false;
            connection = await(PgConnection.connect(vertx, db));
            connection.notificationHandler(n -> wake());
            connection.closeHandler(v -> {
                leader = false;
                wake();
            });
            await(connection.query("LISTEN outbox_" + schema).execute());
        }
        if (!leader) {
            Row row = await(connection.preparedQuery("select pg_try_advisory_lock($1)").execute(Tuple.of(lockKey)))
                    .iterator().next();
            leader = row.getBoolean(0);
            if (leader) {
                LOG.infof("outbox relay for %s is active on this replica", schema);
            }
        }
        return leader;
    }

    private int publishBatch() throws Exception {
        List<Row> rows = new ArrayList<>();
        await(connection.preparedQuery("select id, topic, msg_key, ce_type, ce_id, ce_source, ce_time, payload from "
                + table + " order by id limit $1").execute(Tuple.of(batchSize))).forEach(rows::add);
        if (rows.isEmpty()) {
            return 0;
        }
        if (producer == null) {
            producer = producers.get();
        }
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Long[] ids = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ids[i] = r.getLong("id");
            acks.add(producer.send(toRecord(r)));
        }
        producer.flush();
        for (var ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        await(connection.preparedQuery("delete from " + table + " where id = any($1)").execute(Tuple.of(ids)));
        published.addAndGet(rows.size());
        return rows.size();
    }

    private static ProducerRecord<String, String> toRecord(Row r) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SPEC_VERSION, bytes(SPEC_VERSION_VALUE));
        headers.add(TYPE, bytes(r.getString("ce_type")));
        headers.add(ID, bytes(r.getString("ce_id")));
        headers.add(SOURCE, bytes(r.getString("ce_source")));
        OffsetDateTime time = r.getOffsetDateTime("ce_time");
        headers.add(TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(time.toInstant())));
        headers.add(SUBJECT, bytes(r.getString("msg_key")));
        headers.add(CONTENT_TYPE, bytes(JSON));
        return new ProducerRecord<>(r.getString("topic"), null, r.getString("msg_key"), r.getString("payload"), headers);
    }

    private boolean isConnectionFailure() {
        return connection == null || !leader;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("closing relay producer", e);
            }
            producer = null;
        }
    }

    private void closeConnection() {
        leader = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debug("closing relay connection", e);
            }
            connection = null;
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private void sleep(long ms) {
        try {
            wakeups.tryAcquire(0, TimeUnit.MILLISECONDS);
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
