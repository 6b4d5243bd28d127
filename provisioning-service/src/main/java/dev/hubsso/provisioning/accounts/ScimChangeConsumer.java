package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.CloudEventHeaders;
import dev.hubsso.events.EventCodec;
import dev.hubsso.events.HubEvent;
import dev.hubsso.events.ScimGroupChanged;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Apply;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Skip;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.SkipKind;
import dev.hubsso.provisioning.config.ScimConsumerConfig;
import dev.hubsso.provisioning.groups.ScimGroupProvisioning;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Executor;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows {@code scim.changes.v1} (consumer group {@code provisioning-service}). Each poll's
 * records are applied in order in one transaction and acknowledged after the commit, so a crash
 * redelivers at most the records in flight, which the version checks turn into no-ops. A batch
 * that fails is rolled back and its records are applied one at a time, each in its own
 * transaction with retries.
 *
 * <p>A record that cannot be read (no or unknown {@code ce_type}, malformed JSON, missing ids)
 * is logged and skipped. A record whose transaction fails is retried with backoff (the database
 * may be failing over); if it still fails, the channel's failure strategy ({@code ignore}) logs
 * and skips it instead of stopping the consumer.
 */
@ApplicationScoped
public class ScimChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ScimChangeConsumer.class);

    private final ScimUserProvisioning provisioning;
    private final ScimGroupProvisioning groups;
    private final ScimBatch batches;
    private final ScimConsumerConfig config;

    public ScimChangeConsumer(ScimUserProvisioning provisioning, ScimGroupProvisioning groups, ScimBatch batches,
            ScimConsumerConfig config) {
        this.provisioning = provisioning;
        this.groups = groups;
        this.batches = batches;
        this.config = config;
    }

    /**
     * Applies one poll's records and then acknowledges the batch. The parameter is a message, so
     * acknowledgement is manual: without it the throttled commit strategy would never commit and,
     * after {@code throttled.unprocessed-record-max-age.ms}, would fail the channel.
     */
    @Incoming("scim-changes")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return apply(batch)
                .onItem().transformToUni(ignored -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().recoverWithUni(f -> Uni.createFrom().completionStage(batch.nack(f)));
    }

    private Uni<Void> apply(KafkaRecordBatch<String, String> batch) {
        List<Work> works = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            String offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> Long.toString(m.getOffset())).orElse("?");
            Work w = work(record.getPayload(), record.getTopic() + "-" + record.getPartition() + "@" + offset,
                    record.getHeaders());
            if (w != null) {
                works.add(w);
            }
        }
        if (works.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // the whole poll in one transaction (one commit instead of hundreds); if any record fails,
        // nothing of the batch is kept and its records are applied one by one, each with retries
        return Uni.createFrom().deferred(() -> batches.applyAll(works.stream()
                .map(w -> new ScimBatch.Item(w.eventId(), w.user(), w.apply())).toList()))
                .onFailure().recoverWithUni(f -> {
                    LOG.warnf("batch of %d SCIM records (%s..%s) failed, applying them one by one: %s", works.size(),
                            works.get(0).where(), works.get(works.size() - 1).where(), f.toString());
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Work w : works) {
                        chain = chain.chain(() -> withRetries(w.apply(), w.eventId(), w.where())
                                .onFailure().recoverWithNull());
                    }
                    return chain;
                });
    }

    /** One applicable record: where it came from and how to apply it. */
    private record Work(String eventId, String where, ScimUserChanged user, Supplier<Uni<?>> apply) {
    }

    private Work work(String payload, String where, Headers headers) {
        String ceType = header(headers, CloudEventHeaders.TYPE);
        if (ceType == null || payload == null) {
            LOG.errorf("skipping record %s: no %s header or no value", where, CloudEventHeaders.TYPE);
            return null;
        }
        Optional<HubEvent> event;
        try {
            event = EventCodec.decode(ceType, payload);
        } catch (RuntimeException e) {
            LOG.errorf("skipping record %s: unreadable %s: %s", where, ceType, e.getMessage());
            return null;
        }
        if (event.isEmpty()) {
            LOG.debugf("skipping record %s of unknown type %s", where, ceType);
            return null;
        }
        if (event.get() instanceof ScimGroupChanged group) {
            if (group.scimGroupId() == null || group.orgId() == null || group.change() == null) {
                LOG.errorf("skipping record %s: event %s lacks scimGroupId, orgId or change", where, group.eventId());
                return null;
            }
            return new Work(group.eventId(), where, null, () -> groups.apply(group).invoke(r -> {
                if (!r.applied()) {
                    LOG.debugf("SCIM group event %s (record %s) skipped: %s", group.eventId(), where, r.reason());
                }
            }));
        }
        if (!(event.get() instanceof ScimUserChanged change)) {
            LOG.warnf("skipping record %s: %s does not belong on this topic", where, ceType);
            return null;
        }
        if (change.scimUserId() == null || change.orgId() == null || change.change() == null) {
            LOG.errorf("skipping record %s: event %s lacks scimUserId, orgId or change", where, change.eventId());
            return null;
        }
        return new Work(change.eventId(), where, change,
                () -> provisioning.apply(change).invoke(decision -> log(decision, change, where)));
    }

    private Uni<Void> withRetries(Supplier<Uni<?>> apply, String eventId, String where) {
        Uni<Void> attempt = Uni.createFrom().deferred(apply).replaceWithVoid();
        // Hibernate Reactive runs on the record's Vert.x context; a retry after a backoff must go back to it
        Context context = Vertx.currentContext();
        if (context != null) {
            Executor onContext = task -> context.runOnContext(x -> task.run());
            attempt = attempt.runSubscriptionOn(onContext);
        }
        return attempt
                .onFailure().invoke(f -> LOG.warnf("applying SCIM event %s (record %s) failed, will retry: %s",
                        eventId, where, f.toString()))
                .onFailure().retry().withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.maxRetries())
                .onFailure().invoke(f -> LOG.errorf(f, "giving up on SCIM event %s (record %s) after %d retries",
                        eventId, where, config.maxRetries()));
    }

    private static void log(Object decision, ScimUserChanged change, String where) {
        if (decision instanceof Skip skip) {
            if (skip.kind() != SkipKind.REJECTED) {
                LOG.debugf("SCIM event %s (record %s): %s", change.eventId(), where, skip.reason());
            } else {
                LOG.warnf("SCIM event %s (record %s) skipped: %s", change.eventId(), where, skip.reason());
            }
        } else if (decision instanceof Apply apply) {
            if (apply.note() != null) {
                LOG.warnf("SCIM event %s (record %s): %s", change.eventId(), where, apply.note());
            }
            LOG.debugf("SCIM event %s %s v%d applied to account %s (user version %d, %d events)", change.eventId(),
                    change.change(), change.version(), apply.after().id(), apply.after().userVersion(),
                    apply.events().size());
        }
    }

    private static String header(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
