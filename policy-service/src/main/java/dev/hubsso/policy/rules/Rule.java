package dev.hubsso.policy.rules;

/**
 * Every rule that can decide, with its stable id and its (precomputed, shared) decision. Each
 * evaluation returns one of these decisions, so deciding allocates nothing.
 */
public enum Rule {
    UNKNOWN_SUBJECT("unknown-subject", true, Reason.UNKNOWN_SUBJECT),
    ACCOUNT_DELETED("account-deleted", false, Reason.ACCOUNT_DELETED),
    ACCOUNT_DEACTIVATED("account-deactivated", false, Reason.ACCOUNT_DEACTIVATED),
    /** The IdP deactivated or deleted the account over SCIM; provisioning's own event is still on its way. */
    IDP_DEACTIVATED("idp-deactivated", false, Reason.ACCOUNT_DEACTIVATED),
    NOT_MANAGED("not-managed", true, Reason.NOT_MANAGED),
    MANAGED_TOKEN_CREATE("managed-token-create", true, Reason.ALLOWED),
    MANAGED_OWN_ORG_JOIN("managed-own-org-join", true, Reason.ALLOWED),
    MANAGED_OTHER_ORG_JOIN("managed-other-org-join", false, Reason.MANAGED_ORG_JOIN),
    MANAGED_PERSONAL_READ("managed-personal-read", true, Reason.ALLOWED),
    MANAGED_PERSONAL_CONTENT("managed-personal-content", false, Reason.MANAGED_PERSONAL_NAMESPACE),
    MANAGED_OWN_ORG_ACCESS("managed-own-org-access", true, Reason.ALLOWED),
    MANAGED_OWN_ORG_PRIVATE_CONTENT("managed-own-org-private-content", true, Reason.ALLOWED),
    MANAGED_OWN_ORG_PUBLIC_CONTENT("managed-own-org-public-content", true, Reason.ALLOWED),
    MANAGED_OWN_ORG_PUBLIC_DISABLED("managed-own-org-public-disabled", false, Reason.PUBLIC_CONTENT_DISABLED),
    MANAGED_OUTSIDE_PUBLIC_READ("managed-outside-public-read", true, Reason.ALLOWED),
    MANAGED_OUTSIDE_PRIVATE_READ("managed-outside-private-read", false, Reason.MANAGED_OUTSIDE_ORG),
    MANAGED_OUTSIDE_CONTRIBUTION("managed-outside-contribution", false, Reason.MANAGED_OUTSIDE_ORG);

    private final String id;
    private final Decision decision;

    Rule(String id, boolean allow, Reason reason) {
        this.id = id;
        this.decision = new Decision(allow, reason, id, reason.message());
    }

    /** Stable id, e.g. {@code managed-personal-content}. */
    public String id() {
        return id;
    }

    /** The decision this rule gives. */
    public Decision decision() {
        return decision;
    }
}
