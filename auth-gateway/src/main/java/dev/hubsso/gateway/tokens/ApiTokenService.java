package dev.hubsso.gateway.tokens;

import dev.hubsso.events.SessionRevoked;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.verify.EnforcementRules;
import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.kit.problem.ProblemMappers;
import dev.hubsso.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Issues and revokes API tokens. */
@ApplicationScoped
public class ApiTokenService {

    private final ApiTokenRepository repository;
    private final RevocationIndex index;
    private final TokenCache cache;
    private final Outbox outbox;
    private final GatewayConfig config;

    public ApiTokenService(ApiTokenRepository repository, RevocationIndex index, TokenCache cache, Outbox outbox,
            GatewayConfig config) {
        this.repository = repository;
        this.index = index;
        this.cache = cache;
        this.outbox = outbox;
        this.config = config;
    }

    /** A validated issue request: who, what scope, until when. */
    public record Grant(UserStanding user, Scope scope, Long expiresInSeconds) {
    }

    /** Problem type of the refusal to issue an admin token to a managed account. */
    public static final String MANAGED_ACCOUNT_PROBLEM = "urn:hub:problem:managed-account";

    /**
     * Checks an admin's issue request against the revocation index: 400 for invalid input, 503
     * while the index is not ready, 404 for an account this replica does not know, 409 for a
     * managed account (type {@value #MANAGED_ACCOUNT_PROBLEM}: its tokens must stand on its org's
     * IdP, so it creates them itself from an SSO session at {@code POST /api/tokens}) and 409 for an
     * account that is not active.
     */
    public Grant validate(IssueTokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body with username or userId is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (blank(request.username()) && blank(request.userId())) {
            errors.add(new Problem.FieldError("$.username", "username or userId is required"));
        }
        Scope scope = scope(request.scope(), errors);
        Long expires = expiresInSeconds(request.expiresInSeconds(), errors);
        if (!errors.isEmpty()) {
            throw ProblemMappers.invalid(errors);
        }
        if (!index.isReady()) {
            throw ProblemException.unavailable("the revocation index is still loading; retry shortly");
        }
        UserStanding user = blank(request.userId())
                ? index.userByUsername(request.username()).orElse(null)
                : index.user(request.userId()).orElse(null);
        if (user == null) {
            throw ProblemException.notFound("no such user");
        }
        if (!blank(request.userId()) && !blank(request.username()) && !request.username().equals(user.username())) {
            throw ProblemException.invalid("username and userId name different accounts",
                    List.of(new Problem.FieldError("$.username", "does not match userId")));
        }
        if (EnforcementRules.isManaged(user, index.orgs().byId(user.orgId()).orElse(null))) {
            throw new ProblemException(409, MANAGED_ACCOUNT_PROBLEM, "Managed account",
                    "user " + user.username() + " is managed by its organization's IdP; managed accounts get API "
                            + "tokens only through an SSO session: POST /api/tokens",
                    null);
        }
        if (index.isRefusedByIdp(user)) {
            throw ProblemException.conflict("user " + user.username() + " was deactivated by the organization's IdP; "
                    + "tokens are issued to active users only");
        }
        if (!user.isActive()) {
            throw ProblemException.conflict("user " + user.username() + " is " + user.status().name().toLowerCase()
                    + "; tokens are issued to active users only");
        }
        return new Grant(user, scope, expires);
    }

    /** Stores a new token for a validated grant and remembers it on this replica. */
    @WithTransaction
    public Uni<IssuedToken> issue(Grant grant) {
        return store(grant, null, null, null, null);
    }

    /**
     * A token its owner creates from an SSO session ({@code POST /api/tokens}): bound to that
     * session's authorization (session id, org, {@code sso:<org name>}).
     *
     * @param grant who, what scope, until when
     * @param name the owner's label, or null
     * @param sessionId the session it is created from
     * @param orgId the org whose IdP established the session
     * @param authMethod the session's {@code sso:<org name>}
     */
    @WithTransaction
    public Uni<IssuedToken> issueBound(Grant grant, String name, UUID sessionId, String orgId, String authMethod) {
        return store(grant, name, sessionId, orgId, authMethod);
    }

    /**
     * The scope of a request ({@code read} when absent); an error for anything else than
     * {@code read} or {@code write}.
     */
    static Scope scope(String requested, List<Problem.FieldError> errors) {
        Scope scope = requested == null ? Scope.READ : Scope.parse(requested).orElse(null);
        if (scope == null) {
            errors.add(new Problem.FieldError("$.scope", "must be read or write"));
        }
        return scope;
    }

    /** The requested lifetime, checked against {@code hub.gateway.tokens.max-lifetime}. */
    Long expiresInSeconds(Long requested, List<Problem.FieldError> errors) {
        long max = config.tokens().maxLifetime().toSeconds();
        if (requested != null && (requested <= 0 || requested > max)) {
            errors.add(new Problem.FieldError("$.expiresInSeconds", "must be between 1 and " + max));
        }
        return requested;
    }

    /** Persists a token (unbound when {@code authMethod} is null) and remembers it on this replica. */
    private Uni<IssuedToken> store(Grant grant, String name, UUID sessionId, String orgId, String authMethod) {
        String secret = TokenCredentials.generate();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.userId = grant.user().userId();
        token.tokenHash = TokenCredentials.hash(secret);
        token.scope = grant.scope().value();
        // PostgreSQL keeps microseconds; the cached copy must compare exactly like the stored one.
        token.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        token.expiresAt = grant.expiresInSeconds() == null ? null : token.createdAt.plusSeconds(grant.expiresInSeconds());
        token.name = name;
        token.sessionId = sessionId;
        token.orgId = orgId;
        token.authMethod = authMethod;
        return repository.persist(token).map(saved -> {
            cache.put(saved.tokenHash, saved.toRecord());
            return new IssuedToken(saved.id.toString(), secret, saved.userId, grant.user().username(), saved.scope,
                    saved.createdAt, saved.expiresAt);
        });
    }

    /** The account's tokens that are not revoked, oldest first. */
    @WithSession
    public Uni<List<ApiToken>> listOwn(String userId) {
        return repository.list("userId = ?1 and revokedAt is null order by createdAt", userId);
    }

    /**
     * Revokes a token if it belongs to {@code userId}: as {@link #revoke(UUID)}, with reason
     * {@code user}. Null when the token does not exist or is someone else's.
     */
    @WithTransaction
    public Uni<ApiToken> revokeOwn(UUID id, String userId) {
        return repository.findById(id).chain(token -> token == null || !token.userId.equals(userId)
                ? Uni.createFrom().nullItem()
                : revokeLoaded(token, "user"));
    }

    /**
     * Revokes a token: marks it in the database and, in the same transaction, writes a
     * {@link SessionRevoked} to the outbox so that every replica drops it. Revoking a revoked
     * token changes nothing. Null when no token has this id.
     */
    @WithTransaction
    public Uni<ApiToken> revoke(UUID id) {
        return repository.findById(id).chain(token -> revokeLoaded(token, "admin"));
    }

    private Uni<ApiToken> revokeLoaded(ApiToken token, String reason) {
        if (token == null || token.revokedAt != null) {
            return Uni.createFrom().item(token);
        }
        Instant now = Instant.now();
        token.revokedAt = now;
        String orgId = index.user(token.userId).map(UserStanding::orgId).orElse(null);
        SessionRevoked event = new SessionRevoked(UUID.randomUUID().toString(), now, token.userId, orgId, null,
                token.id.toString(), reason);
        return outbox.append(event).replaceWith(token);
    }

    /** Drops a revoked token on this replica at once, without waiting for its event to come back. */
    public void forget(ApiToken token) {
        index.revokeToken(token.id.toString());
        cache.invalidate(token.tokenHash);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
