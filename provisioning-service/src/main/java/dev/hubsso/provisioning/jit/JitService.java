package dev.hubsso.provisioning.jit;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.UserProvisioned;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.accounts.Account;
import dev.hubsso.provisioning.accounts.AccountRepository;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle;
import dev.hubsso.provisioning.accounts.core.AccountRecord;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.jit.core.JitRules;
import dev.hubsso.provisioning.jit.core.JitRules.Candidate;
import dev.hubsso.provisioning.jit.core.JitRules.Create;
import dev.hubsso.provisioning.jit.core.JitRules.Refuse;
import dev.hubsso.provisioning.jit.core.JitRules.UseExisting;
import dev.hubsso.provisioning.orgs.ClaimPaths;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgRepository;
import dev.hubsso.provisioning.orgs.OrgService;
import dev.hubsso.provisioning.roles.RoleSync;
import dev.hubsso.provisioning.roles.core.RoleMapping;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Just-in-time provisioning: links a verified login to its account or creates a managed one,
 * then re-applies the role mapping; the account, its events and its audit entries commit in one
 * transaction. The rules are {@link JitRules}' and {@link RoleMapping}'s.
 */
@ApplicationScoped
public class JitService {

    /** Source of an account created at login. */
    public static final String SOURCE_JIT = "jit";

    private final OrgRepository orgs;
    private final AccountRepository accounts;
    private final RoleSync roles;
    private final Outbox outbox;
    private final AuditLog audit;

    public JitService(OrgRepository orgs, AccountRepository accounts, RoleSync roles, Outbox outbox, AuditLog audit) {
        this.orgs = orgs;
        this.accounts = accounts;
        this.roles = roles;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * What a login came to: the account, or the refusal, which is audited (and committed) like
     * any change, so an org admin can see who was turned away and why.
     *
     * @param response the linked or created account, or null when refused
     * @param refused the refusal, or null
     */
    public record Attempt(JitResponse response, ProblemException refused) {

        /** The response, or the refusal as a failure. */
        public JitResponse orThrow() {
            if (refused != null) {
                throw refused;
            }
            return response;
        }
    }

    /** Links or creates the account of a login; a refusal (403, 404, 409, 422) is recorded and returned. */
    @WithTransaction
    public Uni<Attempt> login(JitRequest r, String requestId) {
        return orgs.findByName(r.org()).onItem().ifNull().failWith(() -> OrgService.notFound(r.org()))
                .chain(org -> login(org, r, Actor.idpLogin(r.issuer(), r.subject(), requestId)));
    }

    private Uni<Attempt> login(Org org, JitRequest r, Actor actor) {
        Map<String, Object> claims = r.claims() == null ? Map.of() : r.claims();
        ClaimPaths paths = org.effectiveClaimPaths();
        String email = r.email() != null ? r.email() : first(claims, paths.email());
        boolean verified = r.emailVerified() != null ? r.emailVerified()
                : Boolean.parseBoolean(first(claims, "email_verified"));
        String externalId = first(claims, paths.externalId());
        var login = new JitRules.Login(r.issuer(), r.subject(), email, verified, first(claims, paths.username()));
        var facts = new JitRules.OrgFacts(org.ssoMode, org.idpIssuer, org.allowedEmailDomains, org.shortCode);
        return accounts.findByIdpForUpdate(org.id, r.issuer(), r.subject())
                .chain(byIdp -> byIdp != null || externalId == null ? Uni.createFrom().item(byIdp)
                        : accounts.findByExternalIdForUpdate(org.id, externalId))
                .chain(found -> found != null || email == null || !verified ? Uni.createFrom().item(found)
                        : accounts.findByEmailForUpdate(org.id, email).map(a -> a == null ? null : new Tagged(a)))
                .chain(found -> {
                    Account account = found instanceof Tagged t ? t.account : (Account) found;
                    boolean byIdp = account != null && r.subject().equals(account.idpSubject)
                            && r.issuer().equals(account.idpIssuer);
                    boolean byEmail = found instanceof Tagged;
                    Candidate c = account == null ? null : candidate(account);
                    JitRules.Outcome outcome = JitRules.decide(facts, login,
                            byIdp ? c : null, !byIdp && !byEmail ? c : null, byEmail ? c : null);
                    Instant now = Clock.now();
                    if (outcome instanceof Refuse refuse) {
                        Map<String, Object> what = new HashMap<>();
                        what.put("status", refuse.status());
                        what.put("type", refuse.type());
                        what.put("reason", refuse.detail());
                        what.put("email", email);
                        what.put("emailVerified", verified);
                        return audit.record(org.id, actor, "jit.refused", "login:" + r.issuer() + "#" + r.subject(), null,
                                what, now).replaceWith(new Attempt(null, new ProblemException(refuse.status(),
                                        refuse.type(), title(refuse.status()), refuse.detail(), null)));
                    }
                    if (outcome instanceof UseExisting use) {
                        return existing(org, account, r, claims, use.linkedBy(), actor, now)
                                .map(ok -> new Attempt(ok, null));
                    }
                    return create(org, ((Create) outcome).username(), r, email, verified, externalId,
                            first(claims, paths.displayName()), claims, actor, now).map(ok -> new Attempt(ok, null));
                });
    }

    /** An account found by email (a marker, so the rules know how it was found). */
    private record Tagged(Account account) {
    }

    private Uni<JitResponse> existing(Org org, Account account, JitRequest r, Map<String, Object> claims,
            String linkedBy, Actor actor, Instant now) {
        Uni<Void> link = Uni.createFrom().voidItem();
        if (account.idpSubject == null) {
            account.idpIssuer = r.issuer();
            account.idpSubject = r.subject();
            link = audit.record(org.id, actor, "account.linked", "user:" + account.username, null,
                    Map.of("issuer", r.issuer(), "subject", r.subject(), "linkedBy", linkedBy), now);
        }
        account.lastClaims = new HashMap<>(claims);
        return link.chain(() -> roles.apply(org, account, actor, now))
                .map(x -> response(account, false, linkedBy));
    }

    private Uni<JitResponse> create(Org org, String username, JitRequest r, String email, boolean verified,
            String externalId, String displayName, Map<String, Object> claims, Actor actor, Instant now) {
        return accounts.findByUsername(username).chain(holder -> {
            if (holder != null) {
                return Uni.createFrom().failure(new ProblemException(409, JitRules.CONFLICT, "Conflict",
                        "username " + username + " is held by another account", null));
            }
            Account a = new Account();
            a.id = UUID.randomUUID();
            a.orgId = org.id;
            a.username = username;
            // an unverified email is kept off the account: nothing may later link or notify by it
            a.email = verified ? email : null;
            a.displayName = displayName;
            a.externalId = externalId;
            a.status = UserStatus.ACTIVE;
            a.source = SOURCE_JIT;
            a.idpIssuer = r.issuer();
            a.idpSubject = r.subject();
            a.lastClaims = new HashMap<>(claims);
            a.userVersion = 1;
            a.lastScimVersion = 0;
            a.created = now;
            a.updated = now;
            return roles.evaluate(org, a).chain(outcome -> {
                a.orgRole = outcome.orgRole().wire();
                a.resourceGroupRoles = Map.copyOf(outcome.resourceGroupRoles());
                AccountRecord rec = a.toRecord();
                var ctx = new AccountLifecycle.Context(null, null, null, false, now, () -> UUID.randomUUID().toString());
                List<HubEvent> events = List.of(
                        new UserProvisioned(UUID.randomUUID().toString(), now, rec.id(), rec.orgId(), rec.username(),
                                rec.userVersion(), rec.email(), rec.displayName(), SOURCE_JIT, rec.externalId()),
                        AccountLifecycle.membership(rec, ctx), AccountLifecycle.state(rec, ctx));
                Map<String, Object> after = new HashMap<>();
                after.put("userId", rec.id());
                after.put("username", rec.username());
                after.put("email", rec.email());
                after.put("orgRole", rec.orgRole());
                after.put("resourceGroupRoles", rec.resourceGroupRoles());
                after.put("matchedRules", outcome.matchedRules());
                return accounts.persist(a)
                        .chain(() -> outbox.appendAll(events))
                        .chain(() -> audit.record(org.id, actor, "account.provisioned", "user:" + a.username, null,
                                after, now))
                        .map(x -> response(a, true, "created"));
            });
        });
    }

    private static JitResponse response(Account a, boolean created, String linkedBy) {
        return new JitResponse(a.id.toString(), a.username, a.orgRole, a.resourceGroupRoles, true, created, linkedBy);
    }

    private static Candidate candidate(Account a) {
        return new Candidate(a.id.toString(), a.status, a.idpIssuer, a.idpSubject);
    }

    private static String first(Map<String, Object> claims, String path) {
        return RoleMapping.valuesAt(claims, path).stream().findFirst().orElse(null);
    }

    private static String title(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Unprocessable Content";
        };
    }
}
