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

    /** The account holding a username, compared case-insensitively. */
    public Uni<Account> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** An org's account by username, compared case-insensitively. */
    public Uni<Account> findInOrg(UUID orgId, String username) {
        return find("orgId = ?1 and lower(username) = ?2", orgId, username.toLowerCase(Locale.ROOT)).firstResult();
    }
}
