package dev.hubsso.provisioning.orgs;

import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.Clock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creates and reads organizations; every change publishes the org's snapshot in its transaction. */
@ApplicationScoped
public class OrgService {

    private final OrgRepository orgs;
    private final OrgConfigPublisher publisher;

    public OrgService(OrgRepository orgs, OrgConfigPublisher publisher) {
        this.orgs = orgs;
        this.publisher = publisher;
    }

    /**
     * Creates an organization (version 1) and publishes its first snapshot.
     *
     * @throws ProblemException 409 when the name or short code is taken
     */
    @WithTransaction
    public Uni<Org> create(OrgValidator.NewOrg n) {
        return orgs.findByName(n.name())
                .chain(byName -> orgs.findByShortCode(n.shortCode()).map(byCode -> {
                    List<FieldError> taken = new ArrayList<>();
                    if (byName != null) {
                        taken.add(new FieldError("name", "an organization named '" + n.name() + "' already exists"));
                    }
                    if (byCode != null) {
                        taken.add(new FieldError("shortCode", "short code '" + n.shortCode() + "' is already used"));
                    }
                    if (!taken.isEmpty()) {
                        throw conflict(taken);
                    }
                    return newOrg(n);
                }))
                .chain(org -> orgs.persist(org))
                .call(org -> publisher.publish(org, List.of(), org.updated));
    }

    /** The org named {@code name}, or a 404 problem. */
    @WithSession
    public Uni<Org> get(String name) {
        return orgs.findByName(name).onItem().ifNull().failWith(() -> notFound(name));
    }

    /** Every organization, by name. */
    @WithSession
    public Uni<List<Org>> list() {
        return orgs.listByName();
    }

    /** A 409 for a name or short code that another org took between our check and our insert. */
    static ProblemException conflict(List<FieldError> taken) {
        return new ProblemException(409, "urn:hub:problem:conflict", "Conflict",
                "organization name or short code already in use", taken);
    }

    /** A 404 for an unknown organization name. */
    public static ProblemException notFound(String name) {
        return ProblemException.notFound("no organization named '" + name + "'");
    }

    private static Org newOrg(OrgValidator.NewOrg n) {
        Org org = new Org();
        org.id = UUID.randomUUID();
        org.name = n.name();
        org.shortCode = n.shortCode();
        org.ssoMode = n.ssoMode();
        org.publicContentAllowed = n.publicContentAllowed();
        org.allowedEmailDomains = new ArrayList<>(n.allowedEmailDomains());
        org.sessionMaxAgeSeconds = n.sessionMaxAgeSeconds();
        org.defaultRole = n.defaultRole().wire();
        org.version = 1;
        org.created = Clock.now();
        org.updated = org.created;
        return org;
    }
}
