package dev.hubsso.provisioning.admin;

/**
 * An authenticated administrator.
 *
 * @param actor how the audit log names this admin, e.g. {@code admin:api-key} or {@code admin:oidc:<sub>}
 */
public record AdminPrincipal(String actor) {
}
