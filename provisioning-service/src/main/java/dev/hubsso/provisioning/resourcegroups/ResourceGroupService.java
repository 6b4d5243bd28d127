package dev.hubsso.provisioning.resourcegroups;

import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.orgs.GroupLinkJson;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgRepository;
import dev.hubsso.provisioning.orgs.OrgRole;
import dev.hubsso.provisioning.orgs.OrgService;
import dev.hubsso.provisioning.orgs.OrgValidator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Resource groups of an org. Each change bumps the org's version and publishes its snapshot under
 * the org's row lock, like every other settings change, and is audited.
 */
@ApplicationScoped
public class ResourceGroupService {

    /** Most links of one resource group. */
    public static final int MAX_LINKS = 100;

    private final OrgRepository orgs;
    private final OrgService orgService;
    private final ResourceGroupRepository groups;
    private final AuditLog audit;

    public ResourceGroupService(OrgRepository orgs, OrgService orgService, ResourceGroupRepository groups,
            AuditLog audit) {
        this.orgs = orgs;
        this.orgService = orgService;
        this.groups = groups;
        this.audit = audit;
    }

    /** Validation of a request; empty when valid. */
    public static List<FieldError> validate(ResourceGroupRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            errors.add(new FieldError("$", "a JSON object body is required"));
            return errors;
        }
        if (r.name() == null || !OrgValidator.isValidName(r.name())) {
            errors.add(new FieldError("name", "must be 2-42 lowercase letters, digits or single dashes, not all digits"));
        }
        List<GroupLinkJson> links = r.links() == null ? List.of() : r.links();
        if (links.size() > MAX_LINKS) {
            errors.add(new FieldError("links", "at most " + MAX_LINKS + " links"));
        }
        for (int i = 0; i < links.size(); i++) {
            GroupLinkJson l = links.get(i);
            if (l == null || l.scimGroup() == null || l.scimGroup().isBlank() || l.scimGroup().length() > 256) {
                errors.add(new FieldError("links[" + i + "].scimGroup", "must be a group name of 1-256 characters"));
            }
            if (l == null || l.role() == null || OrgRole.parse(l.role()).isEmpty()) {
                errors.add(new FieldError("links[" + i + "].role", "must be read, contributor, write or admin"));
            }
        }
        return errors;
    }

    @WithSession
    public Uni<List<ResourceGroup>> list(String orgName) {
        return orgs.findByName(orgName).onItem().ifNull().failWith(() -> OrgService.notFound(orgName))
                .chain(org -> groups.listByOrg(org.id));
    }

    /** Creates a resource group; 409 when the org already has one of that name. */
    @WithTransaction
    public Uni<ResourceGroup> create(String orgName, ResourceGroupRequest r, Actor actor) {
        Instant now = Clock.now();
        return orgService.lockedOrg(orgName).chain(org -> groups.findByName(org.id, r.name()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(nameTaken(r.name()));
            }
            ResourceGroup g = new ResourceGroup();
            g.id = UUID.randomUUID();
            g.orgId = org.id;
            g.name = r.name();
            g.links = r.links() == null ? List.of() : List.copyOf(r.links());
            g.created = now;
            g.updated = now;
            return groups.persist(g).call(() -> changed(org, actor, "resource-group.created", g, null, now));
        }));
    }

    /** Replaces a resource group's name and links. */
    @WithTransaction
    public Uni<ResourceGroup> replace(String orgName, String id, ResourceGroupRequest r, Actor actor) {
        Instant now = Clock.now();
        return orgService.lockedOrg(orgName).chain(org -> find(org, id).chain(g -> groups.findByName(org.id, r.name())
                .chain(byName -> {
                    if (byName != null && !byName.id.equals(g.id)) {
                        return Uni.createFrom().failure(nameTaken(r.name()));
                    }
                    ResourceGroupView before = ResourceGroupView.of(g);
                    g.name = r.name();
                    g.links = r.links() == null ? List.of() : List.copyOf(r.links());
                    g.updated = now;
                    return changed(org, actor, "resource-group.changed", g, before, now).replaceWith(g);
                })));
    }

    /** Deletes a resource group. */
    @WithTransaction
    public Uni<Void> delete(String orgName, String id, Actor actor) {
        Instant now = Clock.now();
        return orgService.lockedOrg(orgName).chain(org -> find(org, id).chain(g -> groups.delete(g)
                .chain(() -> orgService.bumpAndPublish(org, now))
                .chain(() -> audit.record(org.id, actor, "resource-group.deleted", "resource-group:" + g.id,
                        ResourceGroupView.of(g), null, now))));
    }

    private Uni<Void> changed(Org org, Actor actor, String action, ResourceGroup g, ResourceGroupView before,
            Instant now) {
        return orgService.bumpAndPublish(org, now).chain(() -> audit.record(org.id, actor, action,
                "resource-group:" + g.id, before, ResourceGroupView.of(g), now));
    }

    private Uni<ResourceGroup> find(Org org, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            uuid = null;
        }
        Uni<ResourceGroup> found = uuid == null ? Uni.createFrom().nullItem() : groups.findById(uuid);
        return found.map(g -> g != null && g.orgId.equals(org.id) ? g : null).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("organization '" + org.name + "' has no resource group " + id));
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(409, "urn:hub:problem:conflict", "Conflict",
                "a resource group named '" + name + "' already exists", List.of(new FieldError("name", "already in use")));
    }
}
