package dev.hubsso.provisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hubsso.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends audit entries inside the caller's transaction: a change and its audit entry commit
 * together or not at all. Before/after are JSON views that never contain a secret (callers pass
 * the same views the API shows).
 */
@ApplicationScoped
public class AuditLog {

    private final AuditRepository entries;

    public AuditLog(AuditRepository entries) {
        this.entries = entries;
    }

    /** Records one change; {@code before} or {@code after} may be null (creation, deletion). */
    public Uni<Void> record(UUID orgId, Actor actor, String action, String target, Object before, Object after,
            Instant at) {
        AuditEntry e = new AuditEntry();
        e.orgId = orgId;
        e.at = at;
        e.actor = actor == null ? "system" : actor.name();
        e.requestId = actor == null ? null : actor.requestId();
        e.action = action;
        e.target = target;
        e.before = json(before);
        e.after = json(after);
        return entries.persist(e).replaceWithVoid();
    }

    static String json(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return EventCodec.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value is not serializable: " + o.getClass(), e);
        }
    }
}
