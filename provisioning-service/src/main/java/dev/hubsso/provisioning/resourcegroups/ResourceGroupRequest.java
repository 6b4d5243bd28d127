package dev.hubsso.provisioning.resourcegroups;

import dev.hubsso.provisioning.orgs.GroupLinkJson;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resource group to create or replace.
 *
 * @param name unique in the org: lowercase letters, digits and single dashes, 2–42 characters
 * @param links SCIM groups (by displayName, or IdP group claim values) and the role each grants
 */
@Schema(name = "ResourceGroupRequest")
public record ResourceGroupRequest(@Schema(required = true, examples = "research") String name,
        List<GroupLinkJson> links) {
}
