package dev.hubsso.provisioning.tokens;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SCIM tokens of organizations. */
@ApplicationScoped
@WithSession
public class ScimTokenRepository implements PanacheRepositoryBase<ScimToken, UUID> {

    /** Tokens of an org that are neither revoked nor expired at {@code now}, oldest first. */
    public Uni<List<ScimToken>> listUsable(UUID orgId, Instant now) {
        return list("orgId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2) order by createdAt, id",
                orgId, now);
    }
}
