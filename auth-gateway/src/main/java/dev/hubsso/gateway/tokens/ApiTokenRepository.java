package dev.hubsso.gateway.tokens;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads and writes {@code gateway.api_tokens}. */
@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    /** The token with this SHA-256 hex, or null. */
    @WithSession
    public Uni<ApiToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }
}
