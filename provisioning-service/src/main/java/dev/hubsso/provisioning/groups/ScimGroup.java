package dev.hubsso.provisioning.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A SCIM group as roles need it; its members are rows of {@code scim_group_members}. */
@Entity
@Table(name = "scim_groups")
public class ScimGroup {

    @Id
    @Column(name = "scim_group_id")
    public String scimGroupId;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "last_scim_version", nullable = false)
    public long lastScimVersion;

    /** A deleted group keeps its row so that a replayed older event cannot bring it back. */
    @Column(nullable = false)
    public boolean deleted;
}
