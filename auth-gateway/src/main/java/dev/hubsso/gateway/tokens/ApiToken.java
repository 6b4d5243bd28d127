package dev.hubsso.gateway.tokens;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An issued API token; only its SHA-256 is stored. See {@code db/migration/V1_1__api_tokens.sql}. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(nullable = false)
    public String scope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** A label its owner chose, or null. */
    @Column(name = "name")
    public String name;

    /** The SSO session it was created from, or null (admin-issued). See {@code V1_4__token_binding.sql}. */
    @Column(name = "session_id")
    public UUID sessionId;

    /** The org whose IdP established that session, or null. */
    @Column(name = "org_id")
    public String orgId;

    /** That session's {@code sso:<org name>}, or null. */
    @Column(name = "auth_method")
    public String authMethod;

    /** The immutable view kept in the token cache. */
    public TokenRecord toRecord() {
        return new TokenRecord(id.toString(), userId, Scope.parse(scope).orElse(Scope.READ), createdAt, expiresAt,
                revokedAt != null, orgId, authMethod);
    }
}
