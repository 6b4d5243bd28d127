package dev.hubsso.provisioning.orgs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new organization.
 *
 * @param name the org's name as in hub URLs: lowercase letters, digits and single dashes, 2–42 characters
 * @param shortCode suffix of the org's managed usernames: 2–10 lowercase letters or digits, one letter at least
 * @param ssoMode {@code managed} (the IdP owns the members' accounts) or {@code basic} (SSO gate only)
 * @param publicContentAllowed whether members may create public content in the org
 * @param allowedEmailDomains email domains of the org's users (may be empty)
 * @param sessionMaxAgeSeconds SSO session lifetime; default 7 days
 * @param defaultRole role when no mapping rule matches: {@code read} (default), {@code contributor}, {@code write} or {@code admin}
 */
@Schema(name = "CreateOrg")
public record CreateOrgRequest(
        @Schema(required = true, examples = "acme") String name,
        @Schema(required = true, examples = "acme") String shortCode,
        @Schema(required = true, enumeration = { "managed", "basic" }) String ssoMode,
        @Schema(required = true) Boolean publicContentAllowed,
        @Schema(required = true, examples = "[\"acme.com\"]") List<String> allowedEmailDomains,
        @Schema(description = "default 604800 (7 days)") Long sessionMaxAgeSeconds,
        @Schema(enumeration = { "read", "contributor", "write", "admin" }, defaultValue = "read") String defaultRole) {
}
