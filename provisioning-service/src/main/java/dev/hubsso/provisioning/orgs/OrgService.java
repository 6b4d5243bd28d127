package dev.hubsso.provisioning.orgs;

import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.tokens.ScimTokenRepository;
import java.time.Instant;
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
    private final ScimTokenRepository tokens;
    private final AuditLog audit;

    public OrgService(OrgRepository orgs, OrgConfigPublisher publisher, ScimTokenRepository tokens, AuditLog audit) {
        this.orgs = orgs;
        this.publisher = publisher;
        this.tokens = tokens;
        this.audit = audit;
    }

    /**
     * Creates an organization (version 1) and publishes its first snapshot.
     *
     * @throws ProblemException 409 when the name or short code is taken
     */
    @WithTransaction
    public Uni<Org> create(OrgValidator.NewOrg n, Actor actor) {
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
                .call(org -> publisher.publish(org, List.of(), org.updated))
                .call(org -> audit.record(org.id, actor, "org.created", target(org), null, OrgView.of(org), org.updated));
    }

    /**
     * Changes an org's settings under its row lock, bumps its version and publishes the snapshot;
     * a change that changes nothing still publishes (an admin may want to re-announce).
     */
    @WithTransaction
    public Uni<Org> update(String name, OrgValidator.Changes c, Actor actor) {
        return lockedOrg(name).chain(org -> {
            OrgView before = OrgView.of(org);
            if (c.ssoMode() != null) {
                org.ssoMode = c.ssoMode();
            }
            if (c.publicContentAllowed() != null) {
                org.publicContentAllowed = c.publicContentAllowed();
            }
            if (c.allowedEmailDomains() != null) {
                org.allowedEmailDomains = new ArrayList<>(c.allowedEmailDomains());
            }
            if (c.sessionMaxAgeSeconds() != null) {
                org.sessionMaxAgeSeconds = c.sessionMaxAgeSeconds();
            }
            if (c.defaultRole() != null) {
                org.defaultRole = c.defaultRole().wire();
            }
            if (c.idp() != null) {
                org.idpIssuer = c.idp().issuer();
                org.idpClientId = c.idp().clientId();
                org.idpClientSecretRef = c.idp().clientSecretRef();
                org.idpScopes = new ArrayList<>(c.idp().scopes());
                org.claimPaths = c.idp().claimPaths();
            }
            if (c.roleMapping() != null) {
                org.roleMapping = c.roleMapping();
            }
            return bumpAndPublish(org, Clock.now())
                    .call(() -> audit.record(org.id, actor, "org.settings-changed", target(org), before,
                            OrgView.of(org), org.updated))
                    .replaceWith(org);
        });
    }

    /** The org, locked until the transaction ends (every change of an org goes through this lock). */
    public Uni<Org> lockedOrg(String name) {
        return orgs.findByNameForUpdate(name).onItem().ifNull().failWith(() -> notFound(name));
    }

    /** Bumps the org's version and appends its snapshot, with its usable tokens, to the outbox. */
    public Uni<Void> bumpAndPublish(Org org, Instant now) {
        org.version++;
        org.updated = now;
        return tokens.listUsable(org.id, now).chain(usable -> publisher.publish(org, usable, now));
    }

    /** How the audit log names an org. */
    public static String target(Org org) {
        return "org:" + org.name;
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
