package dev.hubsso.gateway.verify;

import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.tokens.ApiToken;
import dev.hubsso.gateway.tokens.ApiTokenRepository;
import dev.hubsso.gateway.tokens.TokenCache;
import dev.hubsso.gateway.tokens.TokenCredentials;
import dev.hubsso.gateway.tokens.TokenRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Decides whether an {@code Authorization: Bearer hub_...} credential is good. A token this
 * replica has seen is decided from memory alone (token cache + revocation index); an unseen one
 * costs one database read, after which it is cached (unknown hashes too, briefly).
 *
 * <p>The token is good only if it exists, is not revoked (in the database, or by an event seen
 * since), has not expired, and its account is known, active, and was not revoked after the token
 * was issued; an account that is managed ({@link EnforcementRules#isManaged}) is accepted only
 * with a token bound to an SSO authorization of its own org
 * ({@link EnforcementRules#tokenStandsOnOwnOrgSso}), else the verdict is {@code sso-required}
 * naming that org's login. When the index is not ready or the database cannot be read, the verdict is
 * {@link Verdict.Unavailable}: never allowed.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final RevocationIndex index;
    private final TokenCache cache;
    private final ApiTokenRepository repository;

    public TokenVerifier(RevocationIndex index, TokenCache cache, ApiTokenRepository repository) {
        this.index = index;
        this.cache = cache;
        this.repository = repository;
    }

    /** Verifies the value of an {@code Authorization} header (null if absent). */
    public Uni<Verdict> verify(String authorization) {
        if (!index.isReady()) {
            return Uni.createFrom().item(Verdict.Unavailable.INDEX_NOT_READY);
        }
        String token = TokenCredentials.fromAuthorization(authorization);
        if (token == null) {
            return Uni.createFrom().item(Verdict.Denied.MISSING);
        }
        String hash = TokenCredentials.hash(token);
        TokenRecord cached = cache.get(hash);
        if (cached != null) {
            return Uni.createFrom().item(decide(cached));
        }
        if (cache.isKnownUnknown(hash)) {
            return Uni.createFrom().item(Verdict.Denied.UNKNOWN_TOKEN);
        }
        return repository.findByHash(hash)
                .map(found -> {
                    if (found == null) {
                        cache.putUnknown(hash);
                        return (Verdict) Verdict.Denied.UNKNOWN_TOKEN;
                    }
                    TokenRecord record = toRecord(found);
                    cache.put(hash, record);
                    return decide(record);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot read api_tokens: %s", e.toString());
                    return Verdict.Unavailable.STORE_UNREACHABLE;
                });
    }

    /** The verdict for a known token, from memory only. */
    Verdict decide(TokenRecord token) {
        if (token.revoked() || index.isTokenRevoked(token.id())) {
            return Verdict.Denied.TOKEN_REVOKED;
        }
        if (!token.usableAt(Instant.now())) {
            return Verdict.Denied.TOKEN_EXPIRED;
        }
        UserStanding user = index.user(token.userId()).orElse(null);
        if (user == null) {
            return Verdict.Denied.UNKNOWN_USER;
        }
        if (!user.isActive() || index.isRefusedByIdp(user)) {
            return Verdict.Denied.USER_INACTIVE;
        }
        if (!user.acceptsCredentialIssuedAt(token.createdAt())) {
            return Verdict.Denied.ISSUED_BEFORE_REVOCATION;
        }
        // A token created from an SSO session stands on that org's authorization: it stops when
        // the account no longer belongs to that org.
        if (token.boundOrgId() != null && !token.boundOrgId().equals(user.orgId())) {
            return Verdict.Denied.TOKEN_BINDING;
        }
        var userOrg = index.orgs().byId(user.orgId()).orElse(null);
        boolean managed = EnforcementRules.isManaged(user, userOrg);
        // Global enforcement: a managed account's token must stand on its org's IdP (an admin-issued
        // or otherwise unbound token bypasses it and is refused).
        if (managed && !EnforcementRules.tokenStandsOnOwnOrgSso(token.boundOrgId(), token.boundAuthMethod(), user,
                userOrg)) {
            return userOrg == null ? Verdict.Denied.SSO_REQUIRED : Verdict.Denied.SSO_REQUIRED.withLoginOrg(userOrg.name());
        }
        return new Verdict.Allowed(user, token.scope(), Verdict.AUTH_TOKEN, token.boundAuthMethod(), null, managed);
    }

    private static TokenRecord toRecord(ApiToken token) {
        return token.toRecord();
    }
}
