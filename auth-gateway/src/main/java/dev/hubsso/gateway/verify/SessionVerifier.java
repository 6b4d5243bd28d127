package dev.hubsso.gateway.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.OrgDirectory;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionRecord;
import dev.hubsso.gateway.session.SessionRegistry;
import dev.hubsso.gateway.session.SessionCookieCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides whether a session cookie is good ({@link EnforcementRules#decideSession}). A session
 * this replica has seen recently is decided from memory alone: a cache read of the opened cookie,
 * the {@link SessionRegistry}'s cached row, map reads in the revocation index. An unseen one costs
 * one read of the session registry; when that
 * read fails the verdict is {@link Verdict.Unavailable}, never allowed.
 *
 * <p>A refusal names the org whose login would help: a managed account's own org, else the org of
 * the (expired, revoked, too old) session.
 */
@ApplicationScoped
public class SessionVerifier {

    private static final Logger LOG = Logger.getLogger(SessionVerifier.class);

    private final RevocationIndex index;
    private final SessionRegistry registry;
    private final SessionCookieCodec codec;
    // Cookie values that opened, so that a known session costs no AES-GCM and no JSON parse. A value
    // is only ever put here after it opened with a configured key; the claims it maps to are what
    // that value says, so caching by the exact string adds no trust.
    private final Cache<String, SessionClaims> opened;

    public SessionVerifier(RevocationIndex index, SessionRegistry registry, SessionCookieCodec codec,
            GatewayConfig config) {
        this.index = index;
        this.registry = registry;
        this.codec = codec;
        this.opened = Caffeine.newBuilder().maximumSize(config.sessionRegistry().cacheSize())
                .expireAfterWrite(config.sessionRegistry().cacheTtl()).build();
    }

    /** The verdict on a session cookie value. */
    public Uni<Verdict> verify(String cookie) {
        if (!index.isReady()) {
            return Uni.createFrom().item(Verdict.Unavailable.INDEX_NOT_READY);
        }
        SessionClaims claims = opened.getIfPresent(cookie);
        if (claims == null) {
            Optional<SessionClaims> open = codec.open(cookie);
            if (open.isEmpty()) {
                return Uni.createFrom().item(Verdict.Denied.SESSION_INVALID);
            }
            claims = open.get();
            opened.put(cookie, claims);
        }
        SessionClaims c = claims;
        if (!c.unexpiredAt(Instant.now())) {
            return Uni.createFrom().item(decide(c, null));
        }
        return registry.find(c.sessionId())
                .map(row -> decide(c, row))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot read sessions: %s", e.toString());
                    return Verdict.Unavailable.STORE_UNREACHABLE;
                });
    }

    private Verdict decide(SessionClaims claims, SessionRecord row) {
        OrgDirectory orgs = index.orgs();
        UserStanding user = index.user(claims.userId()).orElse(null);
        OrgConfig sessionOrg = orgs.byId(claims.orgId()).orElse(null);
        OrgConfig userOrg = user == null ? null : orgs.byId(user.orgId()).orElse(null);
        boolean fenced = user != null && index.isRefusedByIdp(user);
        Verdict verdict = EnforcementRules.decideSession(claims, row, user, fenced, sessionOrg, userOrg,
                Instant.now());
        if (verdict instanceof Verdict.Denied denied) {
            return denied.withLoginOrg(loginOrg(claims, user, userOrg, sessionOrg, orgs));
        }
        return verdict;
    }

    private static String loginOrg(SessionClaims claims, UserStanding user, OrgConfig userOrg, OrgConfig sessionOrg,
            OrgDirectory orgs) {
        if (user != null && userOrg != null && EnforcementRules.isManaged(user, userOrg)) {
            return userOrg.name();
        }
        if (sessionOrg != null) {
            return sessionOrg.name();
        }
        String method = claims.authMethod();
        if (method.startsWith(SessionClaims.SSO_PREFIX)) {
            return orgs.byName(method.substring(SessionClaims.SSO_PREFIX.length())).map(OrgConfig::name).orElse(null);
        }
        return null;
    }
}
