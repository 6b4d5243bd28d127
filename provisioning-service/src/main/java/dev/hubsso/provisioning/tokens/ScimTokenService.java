package dev.hubsso.provisioning.tokens;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgConfigPublisher;
import dev.hubsso.provisioning.orgs.OrgRepository;
import dev.hubsso.provisioning.orgs.OrgService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Issues, lists and revokes an organization's SCIM tokens. Each issue or revocation bumps the
 * org's version and publishes its snapshot (hashes only) in the same transaction; the org row is
 * locked for the whole change so concurrent changes publish distinct, ordered versions.
 */
@ApplicationScoped
public class ScimTokenService {

    private final OrgRepository orgs;
    private final ScimTokenRepository tokens;
    private final OrgConfigPublisher publisher;
    private final AuditLog audit;

    public ScimTokenService(OrgRepository orgs, ScimTokenRepository tokens, OrgConfigPublisher publisher,
            AuditLog audit) {
        this.orgs = orgs;
        this.tokens = tokens;
        this.publisher = publisher;
        this.audit = audit;
    }

    /** Issues a token for the org; the returned plaintext exists nowhere else. */
    @WithTransaction
    public Uni<IssuedToken> issue(String orgName, Actor actor) {
        Instant now = Clock.now();
        return lockedOrg(orgName).chain(org -> tokens.listUsable(org.id, now).chain(usable -> {
            String secret = TokenSecrets.newToken();
            ScimToken token = new ScimToken();
            token.id = UUID.randomUUID();
            token.orgId = org.id;
            token.sha256 = TokenSecrets.sha256Hex(secret);
            token.createdAt = now;
            List<ScimToken> after = new ArrayList<>(usable);
            after.add(token);
            return tokens.persist(token)
                    .chain(() -> bump(org, after, now))
                    .call(() -> audit.record(org.id, actor, "scim-token.issued", "scim-token:" + token.id, null,
                            TokenView.of(token), now))
                    .map(x -> new IssuedToken(token.id.toString(), secret, token.createdAt));
        }));
    }

    /** The org's usable tokens (metadata only), oldest first. */
    @WithSession
    public Uni<List<ScimToken>> list(String orgName) {
        return orgs.findByName(orgName).onItem().ifNull().failWith(() -> OrgService.notFound(orgName))
                .chain(org -> tokens.listUsable(org.id, Clock.now()));
    }

    /**
     * Revokes a token of the org; it stops authenticating as soon as scim-service reads the
     * new snapshot.
     *
     * @throws ProblemException 404 when the org has no such usable token
     */
    @WithTransaction
    public Uni<Void> revoke(String orgName, String tokenId, Actor actor) {
        Instant now = Clock.now();
        UUID id = parseId(tokenId);
        return lockedOrg(orgName).chain(org -> tokens.listUsable(org.id, now).chain(usable -> {
            ScimToken target = id == null ? null
                    : usable.stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
            if (target == null) {
                return Uni.createFrom().failure(
                        ProblemException.notFound("organization '" + orgName + "' has no active SCIM token " + tokenId));
            }
            TokenView before = TokenView.of(target);
            target.revokedAt = now;
            List<ScimToken> after = usable.stream().filter(t -> t != target).toList();
            return bump(org, after, now).call(() -> audit.record(org.id, actor, "scim-token.revoked",
                    "scim-token:" + target.id, before, null, now));
        }));
    }

    /** Longest grace period of a rotated token. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    /**
     * Rotates a token: issues a new one and lets the old one work for {@code grace} more (its
     * expiry is set, never extended), so the IdP can switch without a failed request. A zero
     * grace retires the old token at once.
     *
     * @throws ProblemException 404 when the org has no such usable token, 400 for a grace out of range
     */
    @WithTransaction
    public Uni<IssuedToken> rotate(String orgName, String tokenId, Duration grace, Actor actor) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            return Uni.createFrom().failure(ProblemException.invalid("grace period out of range",
                    List.of(new Problem.FieldError("gracePeriodSeconds", "between 0 and " + MAX_GRACE.toSeconds()))));
        }
        Instant now = Clock.now();
        UUID id = parseId(tokenId);
        return lockedOrg(orgName).chain(org -> tokens.listUsable(org.id, now).chain(usable -> {
            ScimToken old = id == null ? null : usable.stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
            if (old == null) {
                return Uni.createFrom().failure(
                        ProblemException.notFound("organization '" + orgName + "' has no active SCIM token " + tokenId));
            }
            TokenView before = TokenView.of(old);
            Instant until = now.plus(grace);
            if (old.expiresAt == null || old.expiresAt.isAfter(until)) {
                old.expiresAt = until;
            }
            String secret = TokenSecrets.newToken();
            ScimToken token = new ScimToken();
            token.id = UUID.randomUUID();
            token.orgId = org.id;
            token.sha256 = TokenSecrets.sha256Hex(secret);
            token.createdAt = now;
            List<ScimToken> after = new ArrayList<>(usable.stream().filter(t -> t.isUsableAt(now)).toList());
            after.add(token);
            return tokens.persist(token)
                    .chain(() -> bump(org, after, now))
                    .call(() -> audit.record(org.id, actor, "scim-token.rotated", "scim-token:" + old.id, before,
                            TokenView.of(old), now))
                    .call(() -> audit.record(org.id, actor, "scim-token.issued", "scim-token:" + token.id, null,
                            TokenView.of(token), now))
                    .map(x -> new IssuedToken(token.id.toString(), secret, token.createdAt));
        }));
    }

    private Uni<Org> lockedOrg(String orgName) {
        return orgs.findByNameForUpdate(orgName).onItem().ifNull().failWith(() -> OrgService.notFound(orgName));
    }

    private Uni<Void> bump(Org org, List<ScimToken> usableAfter, Instant now) {
        org.version++;
        org.updated = now;
        return publisher.publish(org, usableAfter, now);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
