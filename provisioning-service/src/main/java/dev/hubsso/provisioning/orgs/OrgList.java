package dev.hubsso.provisioning.orgs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Organizations, by name. An object rather than a bare array so that paging can be added
 * without breaking clients.
 *
 * @param items the organizations
 */
@Schema(name = "OrgList")
public record OrgList(List<OrgView> items) {
}
