package dev.hubsso.outbox;

import dev.hubsso.events.EventType;
import dev.hubsso.events.HubEvent;
import dev.hubsso.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Appends events to the outbox inside the caller's transaction. Call it from a method that owns
 * the transaction ({@code @WithTransaction}): the event is published if and only if the state
 * change commits.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxConfig config;

    public Outbox(OutboxConfig config) {
        this.config = config;
    }

    /** Adds one event to the current transaction. */
    public Uni<Void> append(HubEvent event) {
        return toMessage(event).persist().replaceWithVoid();
    }

    /** Adds events in order to the current transaction (one after the other: one session, no parallel queries). */
    public Uni<Void> appendAll(List<? extends HubEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (HubEvent e : events) {
            chain = chain.chain(() -> append(e));
        }
        return chain;
    }

    /** The outbox table's event columns, in the order of {@link #columnValues}. */
    public static final String COLUMNS = "topic, msg_key, ce_type, ce_id, ce_source, ce_time, payload";

    /**
     * The values of {@link #COLUMNS} for an event, for writers that insert its row with SQL of
     * their own (many rows in one statement, or the row in the statement that changes the state):
     * {@code ce_time} as an {@link OffsetDateTime} in UTC, which every PostgreSQL client binds.
     */
    public Object[] columnValues(HubEvent event) {
        OutboxMessage m = toMessage(event);
        return new Object[] { m.topic, m.key, m.ceType, m.ceId, m.ceSource, OffsetDateTime.ofInstant(m.ceTime, ZoneOffset.UTC),
                m.payload };
    }

    /**
     * The row an event becomes, not yet persisted: for writers that insert many rows in one
     * statement instead of one {@link #append} each.
     */
    public OutboxMessage toMessage(HubEvent event) {
        EventType type = EventType.of(event);
        OutboxMessage m = new OutboxMessage();
        m.topic = type.topic();
        m.key = event.key();
        m.ceType = type.ceType();
        m.ceId = event.ceId();
        m.ceSource = config.source();
        m.ceTime = event.occurredAt();
        m.payload = EventCodec.encode(event);
        return m;
    }

}
