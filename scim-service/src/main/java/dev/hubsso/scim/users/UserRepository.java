package dev.hubsso.scim.users;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Queries on SCIM Users, always scoped to one organization. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    /** A user of the org, or null. */
    public Uni<UserEntity> findInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResult();
    }

    /** A user of the org, locked for update until the transaction ends (serializes writers), or null. */
    public Uni<UserEntity> lockInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Whether another user of the org has this userName, case-insensitively. */
    public Uni<Boolean> userNameTaken(String orgId, String userName, UUID except) {
        return count("orgId = ?1 and lower(userName) = lower(?2) and id <> ?3", orgId, userName, except)
                .map(n -> n > 0);
    }

    /** Whether another user of the org has this hub username, case-insensitively. */
    public Uni<Boolean> hubUsernameTaken(String orgId, String hubUsername, UUID except) {
        return count("orgId = ?1 and lower(hubUsername) = lower(?2) and id <> ?3", orgId, hubUsername, except)
                .map(n -> n > 0);
    }

    public Uni<List<UserEntity>> byUserName(String orgId, String userName) {
        return list("orgId = ?1 and lower(userName) = lower(?2)", orgId, userName);
    }

    public Uni<List<UserEntity>> byExternalId(String orgId, String externalId) {
        return list("orgId = ?1 and externalId = ?2", orgId, externalId);
    }

    public Uni<Long> countInOrg(String orgId) {
        return count("orgId", orgId);
    }

    /** One page of the org's users in a stable order (creation time, then id). */
    public Uni<List<UserEntity>> page(String orgId, int offset, int size) {
        if (size == 0) {
            return Uni.createFrom().item(List.of());
        }
        return find("orgId", Sort.by("created").and("id"), orgId)
                .range(offset, offset + size - 1).list();
    }

}
