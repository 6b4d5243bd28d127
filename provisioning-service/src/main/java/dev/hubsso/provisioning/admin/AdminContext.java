package dev.hubsso.provisioning.admin;

import dev.hubsso.provisioning.audit.Actor;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** The authenticated admin of the current request and its request id, for the audit log. */
@RequestScoped
public class AdminContext {

    private AdminPrincipal principal;
    private String requestId;

    void set(AdminPrincipal principal, String requestId) {
        this.principal = principal;
        this.requestId = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
    }

    /** The admin as an audit actor. */
    public Actor actor() {
        return new Actor(principal == null ? "admin:unknown" : principal.actor(), requestId);
    }
}
