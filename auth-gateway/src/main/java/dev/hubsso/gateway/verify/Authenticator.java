package dev.hubsso.gateway.verify;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.gateway.config.GatewayConfig;
import dev.hubsso.gateway.revocation.OrgDirectory;
import dev.hubsso.gateway.revocation.RevocationIndex;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.tokens.TokenCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finds and checks the credential of a forwarded request, then applies the target org's SSO
 * enforcement. Which credential counts:
 * <ol>
 * <li>{@code Authorization: Bearer ...}: a hub credential if a {@link HubCredentialVerifier}
 * recognizes it (e.g. {@code hubpw_<JWT>}), else an API token ({@code hub_...});</li>
 * <li>else the session cookie; if it is refused and the request also carries a hub credential
 * cookie, that one is tried (a browser may hold both);</li>
 * <li>else a hub credential cookie.</li>
 * </ol>
 * A good credential is then held against {@code X-Hub-Target-Org}
 * ({@link EnforcementRules#enforceTarget}). A refusal names the org whose login would help: the
 * credential's own (a managed account's org, an old session's org), else the targeted org.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final RevocationIndex index;
    private final TokenVerifier tokens;
    private final SessionVerifier sessions;
    private final List<HubCredentialVerifier> hubVerifiers;
    private final String sessionCookie;

    public Authenticator(RevocationIndex index, TokenVerifier tokens, SessionVerifier sessions,
            Instance<HubCredentialVerifier> hubVerifiers, GatewayConfig config) {
        this.index = index;
        this.tokens = tokens;
        this.sessions = sessions;
        List<HubCredentialVerifier> list = new ArrayList<>();
        hubVerifiers.forEach(list::add);
        this.hubVerifiers = List.copyOf(list);
        this.sessionCookie = config.session().cookieName();
    }

    /** The verdict on a forwarded request. */
    public Uni<Verdict> authenticate(ForwardedRequest request) {
        if (!index.isReady()) {
            return Uni.createFrom().item(Verdict.Unavailable.INDEX_NOT_READY);
        }
        OrgConfig target = request.targetOrg() == null ? null : index.orgs().byName(request.targetOrg()).orElse(null);
        return credential(request).map(verdict -> {
            if (verdict instanceof Verdict.Allowed allowed) {
                return EnforcementRules.enforceTarget(allowed, target);
            }
            if (verdict instanceof Verdict.Denied denied && denied.loginOrg() == null && target != null
                    && target.idp() != null) {
                return denied.withLoginOrg(target.name());
            }
            return verdict;
        });
    }

    /** The verdict on a session cookie alone (for endpoints that need an SSO session). */
    public Uni<Verdict> authenticateSession(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return Uni.createFrom().item(Verdict.Denied.MISSING);
        }
        return sessions.verify(cookieValue);
    }

    private Uni<Verdict> credential(ForwardedRequest request) {
        String authorization = request.authorization();
        if (TokenCredentials.bearer(authorization) != null) {
            ForwardedRequest bearerOnly = ForwardedRequest.ofAuthorization(authorization);
            HubCredentialVerifier hub = hubVerifierFor(bearerOnly);
            return hub != null ? hubCredential(hub, bearerOnly) : tokens.verify(authorization);
        }
        String session = request.cookie(sessionCookie);
        ForwardedRequest cookiesOnly = new ForwardedRequest(null, request.cookies(), null, null, null, null);
        HubCredentialVerifier hubCookie = hubVerifierFor(cookiesOnly);
        if (session != null) {
            Uni<Verdict> bySession = sessions.verify(session);
            if (hubCookie == null) {
                return bySession;
            }
            return bySession.chain(verdict -> verdict instanceof Verdict.Denied denied
                    ? hubCredential(hubCookie, cookiesOnly).map(other -> other instanceof Verdict.Allowed ? other : denied)
                    : Uni.createFrom().item(verdict));
        }
        if (hubCookie != null) {
            return hubCredential(hubCookie, cookiesOnly);
        }
        return Uni.createFrom().item(Verdict.Denied.MISSING);
    }

    private HubCredentialVerifier hubVerifierFor(ForwardedRequest request) {
        for (HubCredentialVerifier v : hubVerifiers) {
            if (v.presentIn(request)) {
                return v;
            }
        }
        return null;
    }

    private Uni<Verdict> hubCredential(HubCredentialVerifier verifier, ForwardedRequest request) {
        return verifier.verify(request).map(identity -> {
            if (identity.isEmpty()) {
                return (Verdict) Verdict.Denied.HUB_CREDENTIAL_INVALID;
            }
            OrgDirectory orgs = index.orgs();
            UserStanding user = index.user(identity.get().userId()).orElse(null);
            OrgConfig userOrg = user == null ? null : orgs.byId(user.orgId()).orElse(null);
            Verdict verdict = EnforcementRules.decideHubCredential(identity.get(), user,
                    user != null && index.isRefusedByIdp(user), userOrg);
            if (verdict instanceof Verdict.Denied denied && userOrg != null) {
                return denied.withLoginOrg(userOrg.name());
            }
            return verdict;
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("cannot verify a hub credential: %s", e.toString());
            return Verdict.Unavailable.STORE_UNREACHABLE;
        });
    }
}
