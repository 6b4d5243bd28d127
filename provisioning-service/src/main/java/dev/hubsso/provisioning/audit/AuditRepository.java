package dev.hubsso.provisioning.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Audit entries of an org, newest first, filtered with bound parameters only. */
@ApplicationScoped
@WithSession
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /**
     * A filter of the audit log; null fields do not filter.
     *
     * @param before cursor: only entries with a smaller id
     */
    public record Filter(String actor, String target, String action, Instant from, Instant to, Long before) {
    }

    /** Up to {@code limit} entries matching the filter, newest first. */
    public Uni<List<AuditEntry>> page(UUID orgId, Filter f, int limit) {
        StringBuilder q = new StringBuilder("orgId = :org");
        Parameters p = Parameters.with("org", orgId);
        if (f.actor() != null) {
            q.append(" and actor = :actor");
            p.and("actor", f.actor());
        }
        if (f.target() != null) {
            q.append(" and target = :target");
            p.and("target", f.target());
        }
        if (f.action() != null) {
            q.append(" and action = :action");
            p.and("action", f.action());
        }
        if (f.from() != null) {
            q.append(" and at >= :from");
            p.and("from", f.from());
        }
        if (f.to() != null) {
            q.append(" and at < :to");
            p.and("to", f.to());
        }
        if (f.before() != null) {
            q.append(" and id < :cursor");
            p.and("cursor", f.before());
        }
        q.append(" order by id desc");
        return find(q.toString(), p).range(0, limit - 1).list();
    }
}
