package dev.hubsso.provisioning.orgs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A group granting a role in a resource group.
 *
 * @param scimGroup the SCIM group's displayName (also matched against the IdP's group claim values)
 * @param role {@code read}, {@code contributor}, {@code write} or {@code admin}
 */
@Schema(name = "ResourceGroupLink")
public record GroupLinkJson(
        @Schema(required = true, examples = "ml-research") String scimGroup,
        @Schema(required = true, enumeration = { "read", "contributor", "write", "admin" }) String role) {
}
