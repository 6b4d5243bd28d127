package dev.hubsso.gateway.verify;

import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.tokens.Scope;

/** The outcome of checking one credential. Reasons are for logs and metrics, never for the caller. */
public sealed interface Verdict {

    /** What {@code X-Hub-Auth} says of an API token. */
    String AUTH_TOKEN = "token";
    /** What {@code X-Hub-Auth} says of a hub (non-SSO) credential. */
    String AUTH_HUB = "hub";

    /** A short reason code. */
    String reason();

    /**
     * The credential is good: the request may go on as this account.
     *
     * @param user the account
     * @param scope scope of an API token; null for sessions and hub credentials
     * @param auth how the request authenticated: {@code sso:<org name>}, {@code token} or {@code hub}
     * @param sso the SSO authorization the credential stands on ({@code sso:<org name>}): the
     *        session's own, or the one an API token was bound to when it was created; null if none
     * @param sessionId the session, for a session cookie; null otherwise
     * @param managed whether the account counts as managed (its org is in managed mode)
     */
    record Allowed(UserStanding user, Scope scope, String auth, String sso, String sessionId, boolean managed)
            implements Verdict {

        /** An unbound API token. */
        public Allowed(UserStanding user, Scope scope) {
            this(user, scope, AUTH_TOKEN, null, null, user.managed());
        }

        @Override
        public String reason() {
            return "allowed";
        }
    }

    /**
     * The credential is missing, unknown, expired or revoked, or its account may not act.
     *
     * @param reason short reason code
     * @param loginOrg name of the org whose login would give a good credential, or null
     */
    record Denied(String reason, String loginOrg) implements Verdict {
        public static final Denied MISSING = new Denied("missing");
        public static final Denied UNKNOWN_TOKEN = new Denied("unknown-token");
        public static final Denied TOKEN_REVOKED = new Denied("token-revoked");
        public static final Denied TOKEN_EXPIRED = new Denied("token-expired");
        public static final Denied UNKNOWN_USER = new Denied("unknown-user");
        public static final Denied USER_INACTIVE = new Denied("user-inactive");
        public static final Denied ISSUED_BEFORE_REVOCATION = new Denied("issued-before-revocation");
        /** The cookie does not open with any configured key (tampered, foreign key, garbage). */
        public static final Denied SESSION_INVALID = new Denied("session-invalid");
        public static final Denied SESSION_EXPIRED = new Denied("session-expired");
        /** No registry row for the session id (sealed by us, but the row is gone). */
        public static final Denied SESSION_UNKNOWN = new Denied("session-unknown");
        public static final Denied SESSION_REVOKED = new Denied("session-revoked");
        /** Older than the org's session max age, measured from the IdP authentication. */
        public static final Denied SESSION_MAX_AGE = new Denied("session-max-age");
        /** The session's org no longer exists. */
        public static final Denied ORG_UNKNOWN = new Denied("org-unknown");
        /** The session was not established through its org's IdP. */
        public static final Denied SESSION_NOT_SSO = new Denied("session-not-sso");
        /** An SSO session of a given org is required and the credential is not one. */
        public static final Denied SSO_REQUIRED = new Denied("sso-required");
        /** A hub credential that does not verify (signature, algorithm, issuer, expiry). */
        public static final Denied HUB_CREDENTIAL_INVALID = new Denied("hub-credential-invalid");
        /** An API token bound to an org the account no longer belongs to. */
        public static final Denied TOKEN_BINDING = new Denied("token-binding");

        public Denied(String reason) {
            this(reason, null);
        }

        /** The same refusal, sending a browser to the login of {@code orgName}. */
        public Denied withLoginOrg(String orgName) {
            return new Denied(reason, orgName);
        }
    }

    /** This replica cannot tell right now (index loading, database unreachable): fail closed. */
    record Unavailable(String reason) implements Verdict {
        public static final Unavailable INDEX_NOT_READY = new Unavailable("index-not-ready");
        public static final Unavailable STORE_UNREACHABLE = new Unavailable("store-unreachable");
    }
}
