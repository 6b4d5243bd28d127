package dev.hubsso.provisioning.resourcegroups;

import dev.hubsso.provisioning.orgs.GroupLinkJson;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resource group as the admin API shows it.
 *
 * @param id resource group id (the key in members' {@code resourceGroupRoles})
 * @param name name, unique in the org
 * @param links groups granting roles in it
 * @param created creation time
 * @param updated time of the latest change
 */
@Schema(name = "ResourceGroup")
public record ResourceGroupView(String id, String name, List<GroupLinkJson> links, Instant created, Instant updated) {

    static ResourceGroupView of(ResourceGroup g) {
        return new ResourceGroupView(g.id.toString(), g.name, List.copyOf(g.links), g.created, g.updated);
    }

    /**
     * Resource groups of an org.
     *
     * @param items by name
     */
    @Schema(name = "ResourceGroupList")
    public record Page(List<ResourceGroupView> items) {
    }
}
