package dev.hubsso.scim.org;

import dev.hubsso.events.OrgConfig;

/**
 * An authenticated SCIM client: the organization whose token it presented, and that token.
 *
 * @param org the organization's latest snapshot
 * @param tokenId the public id of the token used
 */
public record ScimCaller(OrgConfig org, String tokenId) {

    /** The actor recorded on events: {@code scim-token:<tokenId>}. */
    public String actor() {
        return "scim-token:" + tokenId;
    }

    public String orgId() {
        return org.orgId();
    }
}
