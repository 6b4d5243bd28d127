package dev.hubsso.policy.rules;

/**
 * Why a decision came out the way it did: a closed set of codes that callers may switch on,
 * each with a message that tells an organization admin what is going on and what to change.
 */
public enum Reason {
    /** A managed account acting within what its organization allows. */
    ALLOWED("Allowed: the account is managed by its organization and the action stays within what the organization allows."),
    /** The account is a personal (unmanaged) hub account. */
    NOT_MANAGED("Allowed by SSO policy: the account is not managed by an organization's identity provider; the hub's own permissions still apply."),
    /** The account is unknown to the SSO suite. */
    UNKNOWN_SUBJECT("Allowed by SSO policy: the account is not managed by any organization known to the SSO service; the hub's own permissions still apply."),
    /** The account is deactivated. */
    ACCOUNT_DEACTIVATED("Denied: the account was deactivated by its organization's identity provider. Reactivate the user in the identity provider (SCIM active=true) to restore access."),
    /** The account is deleted. */
    ACCOUNT_DELETED("Denied: the account was deleted by its organization's identity provider and is being purged. Provision the user again to create a new account."),
    /** A managed account tried to put content in a personal namespace. */
    MANAGED_PERSONAL_NAMESPACE("Denied: managed accounts cannot create or change content in a personal namespace. Create the repository in the organization's namespace instead."),
    /** A managed account tried to collaborate outside its organization. */
    MANAGED_OUTSIDE_ORG("Denied: managed accounts can only contribute to their own organization's repositories; public content elsewhere stays readable. Use an account outside the organization for outside collaboration."),
    /** The organization does not allow public content. */
    PUBLIC_CONTENT_DISABLED("Denied: the organization does not allow its members to create public content. Make the repository private, or ask an organization admin to allow public content."),
    /** A managed account tried to join another organization. */
    MANAGED_ORG_JOIN("Denied: managed accounts cannot join or accept invitations to organizations other than the one that manages them.");

    private final String message;

    Reason(String message) {
        this.message = message;
    }

    /** The code callers see, e.g. {@code MANAGED_OUTSIDE_ORG}. */
    public String code() {
        return name();
    }

    /** What happened and what an organization admin can do about it. */
    public String message() {
        return message;
    }
}
