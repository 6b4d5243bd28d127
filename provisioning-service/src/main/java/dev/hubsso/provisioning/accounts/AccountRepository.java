package dev.hubsso.provisioning.accounts;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Locale;
import java.util.UUID;

/** Hub accounts. */
@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    /** The account of a SCIM user, locked until the transaction ends (SCIM and, later, JIT race on it). */
    public Uni<Account> findByScimUserIdForUpdate(String scimUserId) {
        return find("scimUserId", scimUserId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The account linked to an IdP login, locked until the transaction ends. */
    public Uni<Account> findByIdpForUpdate(UUID orgId, String issuer, String subject) {
        return find("orgId = ?1 and idpIssuer = ?2 and idpSubject = ?3", orgId, issuer, subject)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** An org's account with this IdP externalId (the oldest if several), locked. */
    public Uni<Account> findByExternalIdForUpdate(UUID orgId, String externalId) {
        return find("orgId = ?1 and externalId = ?2 order by created", orgId, externalId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** An org's account with this email, compared case-insensitively (the oldest if several), locked. */
    public Uni<Account> findByEmailForUpdate(UUID orgId, String email) {
        return find("orgId = ?1 and lower(email) = ?2 order by created", orgId, email.toLowerCase(Locale.ROOT))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** A JIT account SCIM has not pushed yet, by externalId, locked. */
    public Uni<Account> findUnlinkedByExternalIdForUpdate(UUID orgId, String externalId) {
        return find("orgId = ?1 and scimUserId is null and externalId = ?2 order by created", orgId, externalId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** A JIT account SCIM has not pushed yet, by email (case-insensitive), locked. */
    public Uni<Account> findUnlinkedByEmailForUpdate(UUID orgId, String email) {
        return find("orgId = ?1 and scimUserId is null and lower(email) = ?2 order by created", orgId,
                email.toLowerCase(Locale.ROOT)).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The account holding a username, compared case-insensitively. */
    public Uni<Account> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** An org's account by username, compared case-insensitively. */
    public Uni<Account> findInOrg(UUID orgId, String username) {
        return find("orgId = ?1 and lower(username) = ?2", orgId, username.toLowerCase(Locale.ROOT)).firstResult();
    }
}
