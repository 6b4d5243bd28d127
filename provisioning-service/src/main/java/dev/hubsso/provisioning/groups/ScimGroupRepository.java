package dev.hubsso.provisioning.groups;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SCIM groups and their members (members through native SQL: they are plain rows, not entities). */
@ApplicationScoped
@WithSession
public class ScimGroupRepository implements PanacheRepositoryBase<ScimGroup, String> {

    public Uni<ScimGroup> findForUpdate(String scimGroupId) {
        return find("scimGroupId", scimGroupId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** SCIM user ids of a group's members. */
    @SuppressWarnings("unchecked")
    public Uni<Set<String>> members(String scimGroupId) {
        return getSession().chain(s -> s.createNativeQuery(
                "select scim_user_id from {h-schema}scim_group_members where scim_group_id = :g", String.class)
                .setParameter("g", scimGroupId).getResultList())
                .map(l -> new HashSet<>((List<String>) l));
    }

    /** Replaces a group's members. */
    public Uni<Void> replaceMembers(String scimGroupId, Set<String> added, Set<String> removed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (!removed.isEmpty()) {
            chain = chain.chain(() -> getSession().chain(s -> s.createNativeQuery(
                    "delete from {h-schema}scim_group_members where scim_group_id = :g and scim_user_id in (:u)")
                    .setParameter("g", scimGroupId).setParameter("u", List.copyOf(removed))
                    .executeUpdate())).replaceWithVoid();
        }
        for (String user : added) {
            // one statement per member, in sequence: one session never runs two queries at once
            chain = chain.chain(() -> getSession().chain(s -> s.createNativeQuery(
                    "insert into {h-schema}scim_group_members (scim_group_id, scim_user_id) values (:g, :u) on conflict do nothing")
                    .setParameter("g", scimGroupId).setParameter("u", user)
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** Display names of the live groups a SCIM user belongs to. */
    @SuppressWarnings("unchecked")
    public Uni<Set<String>> groupNamesOf(String scimUserId) {
        if (scimUserId == null) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession().chain(s -> s.createNativeQuery(
                "select g.display_name from {h-schema}scim_groups g join {h-schema}scim_group_members m on m.scim_group_id = g.scim_group_id"
                        + " where m.scim_user_id = :u and not g.deleted and g.display_name is not null", String.class)
                .setParameter("u", scimUserId).getResultList())
                .map(l -> new HashSet<>((List<String>) l));
    }
}
