package dev.hubsso.scim.users;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A SCIM User row; see {@code db/migration/V1_1__users.sql}. */
@Entity
@Table(name = "users")
public class UserEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "user_name", nullable = false)
    public String userName;

    @Column(name = "hub_username", nullable = false)
    public String hubUsername;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "formatted_name")
    public String formattedName;

    @Column(name = "display_name")
    public String displayName;

    /** The address the hub uses. */
    public String email;

    /** Every address, as a JSON array of {value, type, primary}. */
    @Column(nullable = false)
    public String emails;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "employee_number")
    public String employeeNumber;

    @Column(name = "cost_center")
    public String costCenter;

    public String organization;

    public String division;

    public String department;

    /** The manager's SCIM id as the IdP sent it. */
    @Column(name = "manager_id")
    public String managerId;

    /** Incremented on every change; the weak ETag and the event version. */
    /** The other core attributes kept for the IdP, as a JSON object ({@code Profile}). */
    @Column(nullable = false)
    public String profile = "{}";

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_modified", nullable = false)
    public Instant lastModified;
}
