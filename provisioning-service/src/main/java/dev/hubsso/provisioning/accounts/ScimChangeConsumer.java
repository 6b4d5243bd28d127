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
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows {@code scim.changes.v1} (consumer group {@code provisioning-service}). Records are
 * applied one at a time, each in its own transaction, and acknowledged after the commit, so a
 * crash redelivers at most the records in flight, which the version check turns into no-ops.
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
    private final ScimConsumerConfig config;

    public ScimChangeConsumer(ScimUserProvisioning provisioning, ScimConsumerConfig config) {
        this.provisioning = provisioning;
        this.config = config;
    }

    @Incoming("scim-changes")
    public Uni<Void> consume(String payload, IncomingKafkaRecordMetadata<String, String> record) {
        String where = record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset();
        String ceType = header(record, CloudEventHeaders.TYPE);
        if (ceType == null || payload == null) {
            LOG.errorf("skipping record %s: no %s header or no value", where, CloudEventHeaders.TYPE);
            return Uni.createFrom().voidItem();
        }
        Optional<HubEvent> event;
        try {
            event = EventCodec.decode(ceType, payload);
        } catch (RuntimeException e) {
            LOG.errorf("skipping record %s: unreadable %s: %s", where, ceType, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.isEmpty()) {
            LOG.debugf("skipping record %s of unknown type %s", where, ceType);
            return Uni.createFrom().voidItem();
        }
        if (event.get() instanceof ScimGroupChanged) {
            // groups map to roles and resource groups in a later release; nothing to apply yet
            return Uni.createFrom().voidItem();
        }
        if (!(event.get() instanceof ScimUserChanged change)) {
            LOG.warnf("skipping record %s: %s does not belong on this topic", where, ceType);
            return Uni.createFrom().voidItem();
        }
        if (change.scimUserId() == null || change.orgId() == null || change.change() == null) {
            LOG.errorf("skipping record %s: event %s lacks scimUserId, orgId or change", where, change.eventId());
            return Uni.createFrom().voidItem();
        }
        return withRetries(change, where);
    }

    private Uni<Void> withRetries(ScimUserChanged change, String where) {
        Uni<Void> attempt = Uni.createFrom().deferred(() -> provisioning.apply(change))
                .invoke(decision -> log(decision, change, where))
                .replaceWithVoid();
        // Hibernate Reactive runs on the record's Vert.x context; a retry after a backoff must go back to it
        Context context = Vertx.currentContext();
        if (context != null) {
            Executor onContext = task -> context.runOnContext(x -> task.run());
            attempt = attempt.runSubscriptionOn(onContext);
        }
        return attempt
                .onFailure().invoke(f -> LOG.warnf("applying SCIM event %s (record %s) failed, will retry: %s",
                        change.eventId(), where, f.toString()))
                .onFailure().retry().withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.maxRetries())
                .onFailure().invoke(f -> LOG.errorf(f, "giving up on SCIM event %s (record %s) after %d retries",
                        change.eventId(), where, config.maxRetries()));
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

    private static String header(IncomingKafkaRecordMetadata<String, String> record, String name) {
        Header h = record.getHeaders() == null ? null : record.getHeaders().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
