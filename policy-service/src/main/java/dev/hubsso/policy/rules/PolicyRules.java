package dev.hubsso.policy.rules;

import dev.hubsso.policy.rules.Resource.Namespace;
import dev.hubsso.policy.rules.Resource.Visibility;

/**
 * The managed-account rules of the hub (GitHub EMU semantics), as one pure function.
 *
 * <p>Order of evaluation, first match wins:
 * <ol>
 * <li>unknown subject: allowed ({@link Reason#UNKNOWN_SUBJECT}); no organization manages the
 *     account, so this service has nothing to forbid and the hub's own ACLs decide;</li>
 * <li>deleted, then deactivated account: everything denied;</li>
 * <li>managed account whose identity provider already said "deactivated" or "deleted" over SCIM
 *     (the IdP deactivation fence), before the account's own lifecycle event arrived: everything
 *     denied ({@link Reason#ACCOUNT_DEACTIVATED}, rule {@link Rule#IDP_DEACTIVATED});</li>
 * <li>unmanaged account: allowed ({@link Reason#NOT_MANAGED});</li>
 * <li>managed account, by action:
 *   <ul>
 *   <li>{@code token.create}: allowed (the account is active);</li>
 *   <li>{@code org.join}, {@code org.invite_accept}: only the managing organization;</li>
 *   <li>personal namespace of the account itself: read allowed, any content change denied
 *       ({@link Reason#MANAGED_PERSONAL_NAMESPACE});</li>
 *   <li>the managing organization's namespace: read, write and contribute allowed; creating,
 *       forking into it or switching visibility to public needs the organization to allow
 *       public content ({@link Reason#PUBLIC_CONTENT_DISABLED}), private is always fine;</li>
 *   <li>anywhere else (another user, another organization): reading public content allowed,
 *       everything else denied ({@link Reason#MANAGED_OUTSIDE_ORG}).</li>
 *   </ul></li>
 * </ol>
 *
 * <p>Missing facts fail closed: a managed account whose organization is unknown or deleted owns
 * no organization namespace; a repository visibility that is not given counts as private for
 * reads and as public for content changes.
 *
 * <p>Evaluation allocates nothing: it returns the precomputed decision of a {@link Rule}.
 */
public final class PolicyRules {

    private PolicyRules() {
    }

    /**
     * Decides.
     *
     * @param subject the account, or null when the projection does not know it
     * @param managingOrg the subject's managing organization, or null when unknown
     * @param action the action
     * @param resource what it is about; may be null for {@link Action#TOKEN_CREATE}
     * @return the decision, never null
     */
    public static Decision decide(Subject subject, Organization managingOrg, Action action, Resource resource) {
        return rule(subject, managingOrg, action, resource, false).decision();
    }

    /**
     * Decides, knowing whether the subject's identity provider has already refused it.
     *
     * @param idpRefused true if the IdP's latest SCIM word on this account is "deactivated" or
     *        "deleted" and provisioning has not spoken yet (only consulted for managed accounts)
     * @see #decide(Subject, Organization, Action, Resource)
     */
    public static Decision decide(Subject subject, Organization managingOrg, Action action, Resource resource, boolean idpRefused) {
        return rule(subject, managingOrg, action, resource, idpRefused).decision();
    }

    /** The rule that decides; see {@link #decide}. */
    public static Rule rule(Subject subject, Organization managingOrg, Action action, Resource resource) {
        return rule(subject, managingOrg, action, resource, false);
    }

    /** The rule that decides; see {@link #decide(Subject, Organization, Action, Resource, boolean)}. */
    public static Rule rule(Subject subject, Organization managingOrg, Action action, Resource resource, boolean idpRefused) {
        if (subject == null) {
            return Rule.UNKNOWN_SUBJECT;
        }
        if (subject.status() == AccountStatus.DELETED) {
            return Rule.ACCOUNT_DELETED;
        }
        if (subject.status() == AccountStatus.DEACTIVATED) {
            return Rule.ACCOUNT_DEACTIVATED;
        }
        if (!subject.managed()) {
            return Rule.NOT_MANAGED;
        }
        if (idpRefused) {
            return Rule.IDP_DEACTIVATED;
        }
        Organization org = managingOrg != null && !managingOrg.deleted() && managingOrg.orgId().equals(subject.orgId())
                ? managingOrg
                : null;
        Namespace ns = resource == null ? null : resource.namespace();
        switch (action) {
            case TOKEN_CREATE:
                return Rule.MANAGED_TOKEN_CREATE;
            case ORG_JOIN:
            case ORG_INVITE_ACCEPT:
                return isOrgNamespace(ns, org) ? Rule.MANAGED_OWN_ORG_JOIN : Rule.MANAGED_OTHER_ORG_JOIN;
            default:
                return repositoryRule(subject, org, action, ns, resource == null ? null : resource.visibility());
        }
    }

    private static Rule repositoryRule(Subject subject, Organization org, Action action, Namespace ns, Visibility visibility) {
        if (isOwnPersonalNamespace(ns, subject)) {
            return action == Action.REPO_READ ? Rule.MANAGED_PERSONAL_READ : Rule.MANAGED_PERSONAL_CONTENT;
        }
        if (isOrgNamespace(ns, org)) {
            switch (action) {
                case REPO_CREATE:
                case REPO_FORK:
                case REPO_UPDATE_VISIBILITY:
                    if (visibility == Visibility.PRIVATE) {
                        return Rule.MANAGED_OWN_ORG_PRIVATE_CONTENT;
                    }
                    return org.publicContentAllowed() ? Rule.MANAGED_OWN_ORG_PUBLIC_CONTENT : Rule.MANAGED_OWN_ORG_PUBLIC_DISABLED;
                default:
                    return Rule.MANAGED_OWN_ORG_ACCESS;
            }
        }
        if (action == Action.REPO_READ) {
            return visibility == Visibility.PUBLIC ? Rule.MANAGED_OUTSIDE_PUBLIC_READ : Rule.MANAGED_OUTSIDE_PRIVATE_READ;
        }
        return Rule.MANAGED_OUTSIDE_CONTRIBUTION;
    }

    private static boolean isOwnPersonalNamespace(Namespace ns, Subject subject) {
        return ns != null && ns.kind() == Namespace.Kind.USER && ns.name() != null && subject.username() != null
                && ns.name().equalsIgnoreCase(subject.username());
    }

    private static boolean isOrgNamespace(Namespace ns, Organization org) {
        return org != null && ns != null && ns.kind() == Namespace.Kind.ORG && org.name().equalsIgnoreCase(ns.name());
    }
}
