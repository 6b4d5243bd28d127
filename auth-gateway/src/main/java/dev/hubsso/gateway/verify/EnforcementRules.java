package dev.hubsso.gateway.verify;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.session.SessionClaims;
import dev.hubsso.gateway.session.SessionRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The enforcement decisions of {@code /auth/verify}, pure: the caller looks up the session row,
 * the account's standing and the orgs, and these functions say yes or no. No framework imports.
 *
 * <ul>
 * <li><b>Managed</b>: an account the index says is managed <em>and</em> whose org is in
 * {@code MANAGED} mode (provisioning marks every account it holds as managed, also those of
 * basic-mode orgs; an account whose org is unknown counts as managed, failing closed).</li>
 * <li><b>Session</b>: good only if unexpired, its row exists and is not revoked (row or event),
 * the account is known, active, not fenced, not revoked since the session's authentication, the
 * session's org exists, the session was established through that org's IdP
 * ({@code sso:<org name>}), it is younger than the org's current session max age (from the IdP
 * authentication), and, for a managed account, the org is the account's own.</li>
 * <li><b>API token</b> of a managed account: good only if it is bound to an SSO authorization of
 * the account's own org ({@code auth_method} = {@code sso:<org name>}, created from such a session
 * through {@code POST /api/tokens}); any other (an admin-issued one, one bound to another org) is
 * refused as {@code sso-required}.</li>
 * <li><b>Hub credential</b>: refused for managed accounts everywhere; otherwise good if the
 * account is active and not revoked since the credential was issued (or unknown to the index:
 * every managed account is known, so an unknown one is an ordinary hub account).</li>
 * <li><b>Target org</b>: a request for the resources of a {@code BASIC}-mode org that has an IdP
 * (SSO enforced) by a member of that org needs a credential standing on an SSO authorization of
 * that org: its session, or an API token created from one.</li>
 * </ul>
 */
public final class EnforcementRules {

    private EnforcementRules() {
    }

    /**
     * True if the account counts as managed.
     *
     * @param user the account
     * @param userOrg the live org of {@code user.orgId()}, or null if unknown or deleted
     */
    public static boolean isManaged(UserStanding user, OrgConfig userOrg) {
        if (!user.managed()) {
            return false;
        }
        return userOrg == null || userOrg.ssoMode() != SsoMode.BASIC;
    }

    /**
     * True if an API token of a managed account stands on an SSO authorization of that account's
     * own org: it was bound when created to {@code sso:<the org's name>} of the org the account
     * belongs to. An unbound (admin-issued) token, one bound to another org, or an account whose
     * org is unknown never does (fail closed).
     *
     * @param boundOrgId the org recorded on the token, or null
     * @param boundAuthMethod the {@code sso:<org name>} recorded on the token, or null
     * @param user the account
     * @param userOrg the live org of {@code user.orgId()}, or null
     */
    public static boolean tokenStandsOnOwnOrgSso(String boundOrgId, String boundAuthMethod, UserStanding user,
            OrgConfig userOrg) {
        return boundAuthMethod != null && userOrg != null && user.orgId() != null
                && userOrg.orgId().equals(user.orgId())
                && (boundOrgId == null || boundOrgId.equals(user.orgId()))
                && SessionClaims.ssoOf(userOrg.name()).equals(boundAuthMethod);
    }

    /** True if the org enforces SSO for its members' access to its resources in basic mode. */
    public static boolean enforcesSsoInBasicMode(OrgConfig org) {
        return org != null && !org.deleted() && org.ssoMode() == SsoMode.BASIC && org.idp() != null
                && org.idp().issuer() != null;
    }

    /**
     * The verdict on a session cookie that opened.
     *
     * @param claims what the cookie carries
     * @param row its registry row, or null if there is none; revoked if its {@code revoked_at} or
     *        an event seen by the revocation index says so
     * @param user the account, or null if unknown
     * @param refusedByIdp whether the IdP's SCIM deactivation fences the account
     * @param sessionOrg the live org of {@code claims.orgId()}, or null
     * @param userOrg the live org of {@code user.orgId()}, or null
     * @param now the time
     */
    public static Verdict decideSession(SessionClaims claims, SessionRecord row, UserStanding user,
            boolean refusedByIdp, OrgConfig sessionOrg, OrgConfig userOrg, Instant now) {
        if (!claims.unexpiredAt(now)) {
            return Verdict.Denied.SESSION_EXPIRED;
        }
        if (row == null || !row.userId().equals(claims.userId())) {
            return Verdict.Denied.SESSION_UNKNOWN;
        }
        if (row.revoked()) {
            return Verdict.Denied.SESSION_REVOKED;
        }
        if (!now.isBefore(row.expiresAt())) {
            return Verdict.Denied.SESSION_EXPIRED;
        }
        if (user == null) {
            return Verdict.Denied.UNKNOWN_USER;
        }
        if (user.status() != UserStatus.ACTIVE || refusedByIdp) {
            return Verdict.Denied.USER_INACTIVE;
        }
        // The session is the credential: it was issued when the gateway accepted the IdP's login,
        // which may be later than the IdP's own auth_time (an IdP session reused for a new login).
        if (!user.acceptsCredentialIssuedAt(row.createdAt())) {
            return Verdict.Denied.ISSUED_BEFORE_REVOCATION;
        }
        if (sessionOrg == null || claims.orgId() == null || !sessionOrg.orgId().equals(claims.orgId())) {
            return Verdict.Denied.ORG_UNKNOWN;
        }
        if (!claims.isSsoOf(sessionOrg.name()) || !claims.authMethod().equals(row.authMethod())) {
            return Verdict.Denied.SESSION_NOT_SSO;
        }
        long maxAge = sessionOrg.sessionMaxAgeSeconds() > 0 ? sessionOrg.sessionMaxAgeSeconds()
                : OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS;
        if (!now.isBefore(row.createdAt().plusSeconds(maxAge))) {
            return Verdict.Denied.SESSION_MAX_AGE;
        }
        boolean managed = isManaged(user, userOrg);
        if (managed && !sessionOrg.orgId().equals(user.orgId())) {
            return Verdict.Denied.SSO_REQUIRED;
        }
        return new Verdict.Allowed(user, null, claims.authMethod(), claims.authMethod(), claims.sessionId(), managed);
    }

    /**
     * The verdict on a hub credential that verified.
     *
     * @param identity what the credential says
     * @param user the account as the index knows it, or null if unknown
     * @param refusedByIdp whether the IdP's SCIM deactivation fences the account
     * @param userOrg the live org of {@code user.orgId()}, or null
     */
    public static Verdict decideHubCredential(HubIdentity identity, UserStanding user, boolean refusedByIdp,
            OrgConfig userOrg) {
        if (user == null) {
            UserStanding ordinary = new UserStanding(identity.userId(), null, identity.username(), false,
                    UserStatus.ACTIVE, null, 0);
            return new Verdict.Allowed(ordinary, null, Verdict.AUTH_HUB, null, null, false);
        }
        if (isManaged(user, userOrg)) {
            return Verdict.Denied.SSO_REQUIRED;
        }
        if (user.status() != UserStatus.ACTIVE || refusedByIdp) {
            return Verdict.Denied.USER_INACTIVE;
        }
        if (identity.issuedAt() == null || !user.acceptsCredentialIssuedAt(identity.issuedAt())) {
            return Verdict.Denied.ISSUED_BEFORE_REVOCATION;
        }
        return new Verdict.Allowed(user, null, Verdict.AUTH_HUB, null, null, false);
    }

    /**
     * Applies the target org's basic-mode SSO enforcement to a credential that is otherwise good.
     *
     * @param allowed the good credential
     * @param target the live org the request targets, or null (none named, or unknown)
     */
    public static Verdict enforceTarget(Verdict.Allowed allowed, OrgConfig target) {
        if (!enforcesSsoInBasicMode(target)) {
            return allowed;
        }
        boolean member = target.orgId().equals(allowed.user().orgId());
        if (member && !SessionClaims.ssoOf(target.name()).equals(allowed.sso())) {
            return Verdict.Denied.SSO_REQUIRED.withLoginOrg(target.name());
        }
        return allowed;
    }

    /**
     * Where a refused browser is sent: {@code <loginPath>/<org>?redirect_uri=<original uri>}, or the
     * discovery page {@code <loginPath>} without an org. The original URI is kept only if it is a
     * local path (never {@code //host} or a scheme), so the login cannot be made an open redirect.
     */
    public static String loginLocation(String loginPath, String orgName, String originalUri) {
        StringBuilder location = new StringBuilder(loginPath);
        if (orgName != null && !orgName.isBlank()) {
            location.append('/').append(URLEncoder.encode(orgName, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (isLocalPath(originalUri)) {
            location.append("?redirect_uri=").append(URLEncoder.encode(originalUri, StandardCharsets.UTF_8));
        }
        return location.toString();
    }

    /** True for {@code /path?query}: absolute path, no authority, no backslash, no control characters. */
    static boolean isLocalPath(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > 2048 || uri.charAt(0) != '/') {
            return false;
        }
        if (uri.length() > 1 && (uri.charAt(1) == '/' || uri.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
