package dev.hubsso.provisioning.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One audit log row; see {@code V1_2__settings_jit_groups_audit.sql}. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    /** Ascending with insertion: the pagination cursor. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String target;

    /** JSON of the target before the change, or null. */
    public String before;

    /** JSON of the target after the change, or null. */
    public String after;

    @Column(name = "request_id")
    public String requestId;
}
