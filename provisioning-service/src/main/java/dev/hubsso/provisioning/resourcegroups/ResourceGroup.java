package dev.hubsso.provisioning.resourcegroups;

import dev.hubsso.provisioning.orgs.GroupLinkJson;
import dev.hubsso.provisioning.orgs.JsonText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A resource group of an org and the groups that grant roles in it. */
@Entity
@Table(name = "resource_groups")
public class ResourceGroup {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String name;

    @Convert(converter = JsonText.Links.class)
    @Column(nullable = false)
    public List<GroupLinkJson> links = List.of();

    @Column(nullable = false)
    public Instant created;

    @Column(nullable = false)
    public Instant updated;
}
