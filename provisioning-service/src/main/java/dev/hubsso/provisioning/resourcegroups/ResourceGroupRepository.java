package dev.hubsso.provisioning.resourcegroups;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Resource groups by org. */
@ApplicationScoped
@WithSession
public class ResourceGroupRepository implements PanacheRepositoryBase<ResourceGroup, UUID> {

    public Uni<List<ResourceGroup>> listByOrg(UUID orgId) {
        return list("orgId = ?1 order by name", orgId);
    }

    public Uni<ResourceGroup> findByName(UUID orgId, String name) {
        return find("orgId = ?1 and name = ?2", orgId, name).firstResult();
    }
}
