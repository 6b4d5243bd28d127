package dev.hubsso.provisioning.audit;

/**
 * Who made a change, as the audit log records it.
 *
 * @param name {@code admin:api-key}, {@code admin:oidc:<subject>}, {@code scim-token:<id>},
 *        {@code idp:<issuer>#<subject>} or {@code system}
 * @param requestId the request or event that carried the change, or null
 */
public record Actor(String name, String requestId) {

    /** The IdP login of a JIT call. */
    public static Actor idpLogin(String issuer, String subject, String requestId) {
        return new Actor("idp:" + issuer + "#" + subject, requestId);
    }
}
