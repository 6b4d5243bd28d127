package dev.hubsso.gateway.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A browser session established through an org's IdP. See {@code db/migration/V1_2__sessions.sql}. */
@Entity
@Table(name = "sessions")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    /** {@code sso:<org name>}. */
    @Column(name = "auth_method", nullable = false)
    public String authMethod;

    /** The IdP's {@code sub} for the user. */
    @Column(name = "idp_subject", nullable = false)
    public String idpSubject;

    /** The IdP's session id ({@code sid} claim), when it sent one: back-channel logout names it. */
    @Column(name = "idp_sid")
    public String idpSid;

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "last_seen_ip")
    public String lastSeenIp;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_reason")
    public String revokedReason;

    /** The claims its cookie carries. */
    public SessionClaims claims() {
        return new SessionClaims(id.toString(), userId, orgId, authMethod, authTime, expiresAt);
    }
}
