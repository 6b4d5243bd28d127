package dev.hubsso.provisioning.orgs;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Organizations by id and name. */
@ApplicationScoped
@WithSession
public class OrgRepository implements PanacheRepositoryBase<Org, UUID> {

    public Uni<Org> findByName(String name) {
        return find("name", name).firstResult();
    }

    /**
     * The organization, locked until the transaction ends: every change of an org goes through
     * this lock so that two changes never publish the same snapshot version.
     */
    public Uni<Org> findByNameForUpdate(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Org> findByShortCode(String shortCode) {
        return find("shortCode", shortCode).firstResult();
    }

    public Uni<List<Org>> listByName() {
        return list("order by name");
    }
}
