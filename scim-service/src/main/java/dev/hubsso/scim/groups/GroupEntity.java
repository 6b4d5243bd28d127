package dev.hubsso.scim.groups;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A SCIM Group row; its members are rows of {@code group_members}. See {@code db/migration/V1_3__groups.sql}. */
@Entity
@Table(name = "groups")
public class GroupEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "external_id")
    public String externalId;

    /** Incremented on every change; the weak ETag and the event version. */
    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_modified", nullable = false)
    public Instant lastModified;
}
