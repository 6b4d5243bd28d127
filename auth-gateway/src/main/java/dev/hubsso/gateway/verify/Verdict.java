package dev.hubsso.gateway.verify;

import dev.hubsso.gateway.revocation.UserStanding;
import dev.hubsso.gateway.tokens.Scope;

/** The outcome of checking one credential. Reasons are for logs and metrics, never for the caller. */
public sealed interface Verdict {

    /** A short reason code. */
    String reason();

    /** The credential is good: the request may go on as this account. */
    record Allowed(UserStanding user, Scope scope) implements Verdict {
        @Override
        public String reason() {
            return "allowed";
        }
    }

    /** The credential is missing, unknown, expired or revoked, or its account may not act. */
    record Denied(String reason) implements Verdict {
        public static final Denied MISSING = new Denied("missing");
        public static final Denied UNKNOWN_TOKEN = new Denied("unknown-token");
        public static final Denied TOKEN_REVOKED = new Denied("token-revoked");
        public static final Denied TOKEN_EXPIRED = new Denied("token-expired");
        public static final Denied UNKNOWN_USER = new Denied("unknown-user");
        public static final Denied USER_INACTIVE = new Denied("user-inactive");
        public static final Denied ISSUED_BEFORE_REVOCATION = new Denied("issued-before-revocation");
    }

    /** This replica cannot tell right now (index loading, database unreachable): fail closed. */
    record Unavailable(String reason) implements Verdict {
        public static final Unavailable INDEX_NOT_READY = new Unavailable("index-not-ready");
        public static final Unavailable STORE_UNREACHABLE = new Unavailable("store-unreachable");
    }
}
