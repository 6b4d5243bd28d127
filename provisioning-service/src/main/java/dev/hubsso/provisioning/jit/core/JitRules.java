package dev.hubsso.provisioning.jit.core;

import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.OrgConfig.SsoMode;
import dev.hubsso.events.UserState.UserStatus;
import java.util.List;
import java.util.Locale;

/**
 * Which account a login at the org's IdP belongs to, or why it is refused. Pure: the caller
 * looks up the candidates (in this order of trust) and applies the outcome.
 *
 * <p>Linking order: the IdP login itself (issuer, subject); then the IdP's externalId (the id
 * SCIM pushed); then the email, only when the IdP says it is verified and its domain is allowed.
 * An unverified email never links: anyone can put any address in an IdP profile. A candidate
 * already linked to another login of the same issuer is not taken over.
 */
public final class JitRules {

    private JitRules() {
    }

    /**
     * What the rules know of the org.
     *
     * @param mode managed or basic
     * @param issuer the configured IdP issuer, or null
     * @param allowedEmailDomains allowed domains, lowercase (empty: any)
     * @param shortCode managed username suffix
     */
    public record OrgFacts(SsoMode mode, String issuer, List<String> allowedEmailDomains, String shortCode) {
    }

    /**
     * The verified login.
     *
     * @param issuer ID token {@code iss}
     * @param subject ID token {@code sub}
     * @param email email claim, or null
     * @param emailVerified {@code email_verified}
     * @param usernameSource the claim a new username derives from (preferred_username), or null
     */
    public record Login(String issuer, String subject, String email, boolean emailVerified, String usernameSource) {
    }

    /**
     * An existing account as the rules see it.
     *
     * @param id account id
     * @param status account status
     * @param idpIssuer linked IdP issuer, or null
     * @param idpSubject linked IdP subject, or null
     */
    public record Candidate(String id, UserStatus status, String idpIssuer, String idpSubject) {
    }

    /** The outcome. */
    public sealed interface Outcome permits Refuse, UseExisting, Create {
    }

    /**
     * The login is refused.
     *
     * @param status HTTP status for the gateway
     * @param type problem type URI
     * @param detail why
     */
    public record Refuse(int status, String type, String detail) implements Outcome {
    }

    /**
     * The login belongs to this account.
     *
     * @param account the account
     * @param linkedBy {@code idp}, {@code externalId} or {@code email}
     */
    public record UseExisting(Candidate account, String linkedBy) implements Outcome {
    }

    /**
     * Create a managed account.
     *
     * @param username its username (the caller still checks it is free)
     */
    public record Create(String username) implements Outcome {
    }

    /** Problem type of a login from the wrong IdP or an org without one. */
    public static final String WRONG_IDP = "urn:hub:problem:jit:wrong-idp";
    /** Problem type of an email outside the org's domains. */
    public static final String EMAIL_DOMAIN = "urn:hub:problem:jit:email-domain";
    /** Problem type of a deactivated or deleted account. */
    public static final String ACCOUNT_DISABLED = "urn:hub:problem:jit:account-disabled";
    /** Problem type of an org in basic mode with no account for the login. */
    public static final String NO_ACCOUNT = "urn:hub:problem:jit:no-account";
    /** Problem type of a login whose claims give no usable username. */
    public static final String NO_USERNAME = "urn:hub:problem:jit:no-username";
    /** Problem type of a username held by another account, or an account linked to another login. */
    public static final String CONFLICT = "urn:hub:problem:jit:conflict";

    /**
     * Decides a login.
     *
     * @param byIdp the account linked to (issuer, subject), or null
     * @param byExternalId the account with the login's externalId, or null
     * @param byEmail the account with the login's email, or null (ignored unless verified)
     */
    public static Outcome decide(OrgFacts org, Login login, Candidate byIdp, Candidate byExternalId,
            Candidate byEmail) {
        if (org.issuer() == null || !org.issuer().equals(login.issuer())) {
            return new Refuse(403, WRONG_IDP, org.issuer() == null ? "the organization has no IdP connection"
                    : "the login comes from " + login.issuer() + ", not from the organization's IdP");
        }
        if (login.email() != null && !emailAllowed(org, login.email())) {
            return new Refuse(403, EMAIL_DOMAIN, "email domain of " + login.email()
                    + " is not one of the organization's allowed domains");
        }
        Candidate found = null;
        String by = null;
        if (byIdp != null) {
            found = byIdp;
            by = "idp";
        } else if (byExternalId != null) {
            found = byExternalId;
            by = "externalId";
        } else if (byEmail != null && login.emailVerified() && login.email() != null) {
            found = byEmail;
            by = "email";
        }
        if (found != null) {
            if (!"idp".equals(by) && found.idpSubject() != null && login.issuer().equals(found.idpIssuer())
                    && !found.idpSubject().equals(login.subject())) {
                return new Refuse(409, CONFLICT, "the matching account is linked to another login of this IdP");
            }
            if (found.status() != UserStatus.ACTIVE) {
                return new Refuse(403, ACCOUNT_DISABLED, "the account is " + found.status().name().toLowerCase(Locale.ROOT));
            }
            return new UseExisting(found, by);
        }
        if (org.mode() != SsoMode.MANAGED) {
            return new Refuse(404, NO_ACCOUNT, "the organization is in basic SSO mode: logins do not create accounts");
        }
        String source = login.usernameSource() != null && !login.usernameSource().isBlank() ? login.usernameSource()
                : login.email();
        try {
            return new Create(ManagedUsername.derive(source, org.shortCode()));
        } catch (IllegalArgumentException e) {
            return new Refuse(422, NO_USERNAME, "no managed username can be derived from the login: " + e.getMessage());
        }
    }

    /** True if the email's domain is allowed (any domain when the org lists none). */
    public static boolean emailAllowed(OrgFacts org, String email) {
        if (org.allowedEmailDomains().isEmpty()) {
            return true;
        }
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String domain = email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        return org.allowedEmailDomains().contains(domain);
    }
}
