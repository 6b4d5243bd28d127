package dev.hubsso.provisioning.accounts;

import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.orgs.OrgRepository;
import dev.hubsso.provisioning.orgs.OrgService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads accounts for the admin API. */
@ApplicationScoped
public class AccountService {

    private final OrgRepository orgs;
    private final AccountRepository accounts;

    public AccountService(OrgRepository orgs, AccountRepository accounts) {
        this.orgs = orgs;
        this.accounts = accounts;
    }

    /** The org's account with this username (case-insensitive), deleted ones included; else a 404 problem. */
    @WithSession
    public Uni<Account> get(String orgName, String username) {
        return orgs.findByName(orgName).onItem().ifNull().failWith(() -> OrgService.notFound(orgName))
                .chain(org -> accounts.findInOrg(org.id, username))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "organization '" + orgName + "' has no account '" + username + "'"));
    }
}
