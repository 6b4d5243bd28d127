package dev.hubsso.scim.users;

import dev.hubsso.scim.config.ScimConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Group commit of user creates (ADR 0008): the creates that arrive while earlier ones are being
 * written go to PostgreSQL together, as one statement and so one transaction, instead of one
 * transaction each.
 *
 * <p>Nothing waits for a batch to fill. A create is written at once when fewer than
 * {@code hub.scim.create-batch.max-in-flight} statements are running; otherwise it queues, and the
 * next statement to start takes everything queued (up to {@code max-size}). An idle service
 * writes each create alone; a busy one writes more per statement, which is where the cost per
 * create of commit, statement, counter update and relay wake-up drops.
 *
 * <p>Each create still gets its own answer. The statement inserts with {@code on conflict do
 * nothing} and returns the ids it inserted: a create whose userName or hub username was taken
 * (by a stored user or an earlier create in the same batch) gets false, exactly as when written
 * alone. A user's outbox row is inserted only with the user. When a batch statement fails as a
 * whole (a deadlock with a concurrent batch on the unique indexes, a row PostgreSQL refuses),
 * its creates are written again one by one, so each gets its own result and one bad row costs
 * the others nothing. A create is answered only after its row committed.
 */
@ApplicationScoped
public class UserInserts {

    private static final Logger LOG = Logger.getLogger(UserInserts.class);

    /** One create waiting for its statement. */
    private record Pending(UserEntity user, Object[] event, UniEmitter<? super Boolean> answer) {
    }

    private final Pool pool;
    private final int maxSize;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter statements;
    private final Counter fallbacks;
    private final DistributionSummary batchSizes;

    public UserInserts(Pool pool, ScimConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.maxSize = Math.max(1, config.createBatch().maxSize());
        this.maxInFlight = Math.max(1, config.createBatch().maxInFlight());
        this.statements = Counter.builder("hub.scim.user.insert.statements")
                .description("Statements that inserted SCIM users (each one transaction)").register(registry);
        this.fallbacks = Counter.builder("hub.scim.user.insert.fallbacks")
                .description("Batches that failed as a whole and were written again one create at a time").register(registry);
        this.batchSizes = DistributionSummary.builder("hub.scim.user.insert.batch.size")
                .description("Creates written by one statement").register(registry);
    }

    /**
     * Inserts a new user and the row of its event, in one transaction: true when inserted, false
     * when the org already has a user with its userName or hub username (nothing written). The
     * item comes once the transaction committed.
     *
     * @param event the event's outbox values, {@link dev.hubsso.outbox.Outbox#columnValues}
     */
    public Uni<Boolean> insert(UserEntity user, Object[] event) {
        Uni<Boolean> answer = Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(user, event, emitter));
            dispatch();
        });
        // a batch completes on the context of the request that started it: each caller resumes on
        // its own (its Hibernate Reactive session, as in a Bulk request, is bound to that context)
        Context caller = Vertx.currentContext();
        return caller == null ? answer : answer.emitOn(task -> {
            if (Vertx.currentContext() == caller) {
                task.run();
            } else {
                caller.runOnContext(ignored -> task.run());
            }
        });
    }

    /** Statements written so far (for tests and the metric's readers). */
    long statementCount() {
        return (long) statements.count();
    }

    /** Creates waiting for a statement. */
    int queued() {
        return queue.size();
    }

    /** Batches that fell back to one create per statement. */
    long fallbackCount() {
        return (long) fallbacks.count();
    }

    /**
     * Starts statements for what is queued while fewer than {@code maxInFlight} run. Called after
     * every enqueue and after every statement ends, so nothing stays queued with a slot free.
     */
    private void dispatch() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return; // the running statements dispatch again when they end
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < maxSize && (p = queue.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            // deferred: a defect that throws while building the statement still ends in the failure branch
            Uni.createFrom().deferred(() -> write(batch)).subscribe().with(inserted -> {
                inFlight.decrementAndGet();
                dispatch(); // the next statement starts before this batch's responses are rendered
                for (Pending done : batch) {
                    done.answer().complete(inserted.contains(done.user().id));
                }
            }, failure -> {
                inFlight.decrementAndGet();
                dispatch();
                // write() answers database failures itself: this is a defect in it, answered rather than left hanging
                LOG.error("user insert batch failed unexpectedly", failure);
                for (Pending done : batch) {
                    done.answer().fail(failure);
                }
            });
        }
    }

    /** Writes a batch; the ids inserted. A failed batch of several is written again one by one. */
    private Uni<Set<UUID>> write(List<Pending> batch) {
        statements.increment();
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            Pending only = batch.get(0);
            return single(only).onFailure().invoke(only.answer()::fail).onFailure().recoverWithItem(Set.of());
        }
        return pool.preparedQuery(BATCH).execute(arrays(batch)).map(rows -> {
            Set<UUID> ids = new HashSet<>();
            for (Row r : rows) {
                ids.add(r.getUUID(0));
            }
            return ids;
        }).onFailure().recoverWithUni(failure -> {
            fallbacks.increment();
            LOG.debugf(failure, "a batch of %d user inserts failed; writing them one by one", batch.size());
            return oneByOne(batch, 0, new HashSet<>());
        });
    }

    /**
     * Writes the batch's creates from {@code from} on, one statement each, in order (a create
     * that fails is answered with its failure; the set then never holds its id, and completing
     * an emitter twice is ignored).
     */
    private Uni<Set<UUID>> oneByOne(List<Pending> batch, int from, Set<UUID> inserted) {
        if (from == batch.size()) {
            return Uni.createFrom().item(inserted);
        }
        Pending p = batch.get(from);
        statements.increment();
        return single(p).onFailure().invoke(p.answer()::fail).onFailure().recoverWithItem(Set.of())
                .chain(ids -> {
                    inserted.addAll(ids);
                    return oneByOne(batch, from + 1, inserted);
                });
    }

    private Uni<Set<UUID>> single(Pending p) {
        return pool.preparedQuery(UserRepository.INSERT_WITH_EVENT).execute(UserRepository.insertTuple(p.user(), p.event()))
                .map(rows -> rows.rowCount() == 1 ? Set.of(p.user().id) : Set.of());
    }

    /** The user columns of a batch, in the order of the arrays bound to {@link #BATCH}. */
    private static final String USER_COLUMNS = "id, org_id, user_name, hub_username, external_id, given_name, family_name, "
            + "formatted_name, display_name, email, emails, active, employee_number, cost_center, organization, division, "
            + "department, manager_id, version, created, last_modified, profile";

    /** The columns of the arrays, in parameter order. */
    private static final String ARRAY_COLUMNS = "id, org_id, user_name, hub_username, external_id, given_name, family_name, "
            + "formatted_name, display_name, email, emails, active, employee_number, cost_center, organization, division, "
            + "department, manager_id, version, created, last_modified, topic, msg_key, ce_type, ce_id, ce_source, ce_time, "
            + "payload, profile";

    /**
     * One statement for a batch: the creates as parallel arrays ($1..$21 the user's columns,
     * $22..$28 the event's, $29 the profile), the users inserted in (org, userName) order, so that two concurrent
     * batches meet the unique indexes in one order, creates of one name in the order they
     * arrived (the first gets it, as when written one by one), and an outbox row for each user
     * inserted.
     */
    static final String BATCH = "with r as (select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], "
            + "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[], "
            + "$14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::bigint[], $20::timestamptz[], "
            + "$21::timestamptz[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::timestamptz[], "
            + "$28::text[], $29::text[]) with ordinality as r(" + ARRAY_COLUMNS + ", arrival)), "
            + "u as (insert into scim.users (" + USER_COLUMNS + ") select " + USER_COLUMNS
            + " from r order by org_id, lower(user_name), arrival on conflict do nothing returning id), "
            + "o as (insert into scim.outbox (" + dev.hubsso.outbox.Outbox.COLUMNS + ") select r.topic, r.msg_key, "
            + "r.ce_type, r.ce_id, r.ce_source, r.ce_time, r.payload from r join u on u.id = r.id) "
            + "select id from u";

    private static Tuple arrays(List<Pending> batch) {
        int n = batch.size();
        UUID[] id = new UUID[n];
        String[][] text = new String[16][n];
        Boolean[] active = new Boolean[n];
        Long[] version = new Long[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] modified = new OffsetDateTime[n];
        String[][] event = new String[6][n];
        OffsetDateTime[] ceTime = new OffsetDateTime[n];
        String[] profile = new String[n];
        for (int i = 0; i < n; i++) {
            UserEntity e = batch.get(i).user();
            id[i] = e.id;
            String[] t = { e.orgId, e.userName, e.hubUsername, e.externalId, e.givenName, e.familyName, e.formattedName,
                    e.displayName, e.email, e.emails };
            for (int c = 0; c < t.length; c++) {
                text[c][i] = t[c];
            }
            active[i] = e.active;
            String[] enterprise = { e.employeeNumber, e.costCenter, e.organization, e.division, e.department, e.managerId };
            for (int c = 0; c < 6; c++) {
                text[10 + c][i] = enterprise[c];
            }
            version[i] = e.version;
            created[i] = OffsetDateTime.ofInstant(e.created, ZoneOffset.UTC);
            modified[i] = OffsetDateTime.ofInstant(e.lastModified, ZoneOffset.UTC);
            Object[] ev = batch.get(i).event();
            for (int c = 0; c < 5; c++) {
                event[c][i] = (String) ev[c];
            }
            ceTime[i] = (OffsetDateTime) ev[5];
            event[5][i] = (String) ev[6];
            profile[i] = e.profile;
        }
        Tuple t = Tuple.tuple().addValue(id);
        for (int c = 0; c < 10; c++) {
            t.addValue(text[c]);
        }
        t.addValue(active);
        for (int c = 10; c < 16; c++) {
            t.addValue(text[c]);
        }
        t.addValue(version).addValue(created).addValue(modified);
        for (int c = 0; c < 5; c++) {
            t.addValue(event[c]);
        }
        return t.addValue(ceTime).addValue(event[5]).addValue(profile);
    }
}
