package dev.hubsso.provisioning.roles;

import dev.hubsso.events.HubEvent;
import dev.hubsso.events.UserState.UserStatus;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.provisioning.accounts.Account;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle;
import dev.hubsso.provisioning.accounts.core.AccountRecord;
import dev.hubsso.provisioning.audit.Actor;
import dev.hubsso.provisioning.audit.AuditLog;
import dev.hubsso.provisioning.groups.ScimGroupRepository;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgRole;
import dev.hubsso.provisioning.orgs.RoleRuleJson;
import dev.hubsso.provisioning.resourcegroups.ResourceGroupRepository;
import dev.hubsso.provisioning.roles.core.RoleMapping;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Re-applies an org's role mapping to one account (inside the caller's transaction): at every
 * JIT login with the token's claims, and on every SCIM group change with the claims of the
 * latest login. A changed org role or resource-group role bumps the account version and is
 * announced by {@code MembershipChanged} and a {@code UserState} snapshot, and audited.
 */
@ApplicationScoped
public class RoleSync {

    private final ScimGroupRepository groups;
    private final ResourceGroupRepository resourceGroups;
    private final Outbox outbox;
    private final AuditLog audit;

    public RoleSync(ScimGroupRepository groups, ResourceGroupRepository resourceGroups, Outbox outbox,
            AuditLog audit) {
        this.groups = groups;
        this.resourceGroups = resourceGroups;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The roles the org's rules give this account now. */
    public Uni<RoleMapping.Outcome> evaluate(Org org, Account account) {
        return groups.groupNamesOf(account.scimUserId).chain(names -> resourceGroups.listByOrg(org.id).map(rgs -> {
            List<RoleMapping.ResourceGroup> links = rgs.stream().map(g -> new RoleMapping.ResourceGroup(g.id.toString(),
                    g.links.stream().map(l -> new RoleMapping.Link(l.scimGroup(), OrgRole.parse(l.role()).orElseThrow()))
                            .toList()))
                    .toList();
            List<RoleMapping.Rule> rules = org.roleMapping.stream().map(RoleRuleJson::toRule).toList();
            OrgRole defaultRole = OrgRole.parse(org.defaultRole).orElse(OrgRole.READ);
            return RoleMapping.evaluate(rules, defaultRole, links, org.effectiveClaimPaths().groups(),
                    new RoleMapping.Subject(account.lastClaims, names));
        }));
    }

    /**
     * Applies the current roles to the account; publishes and audits only when they changed.
     *
     * @return true if the roles changed
     */
    public Uni<Boolean> apply(Org org, Account account, Actor actor, Instant now) {
        return evaluate(org, account).chain(outcome -> {
            String role = outcome.orgRole().wire();
            Map<String, String> rg = outcome.resourceGroupRoles();
            if (role.equals(account.orgRole) && Objects.equals(rg, account.resourceGroupRoles)) {
                return Uni.createFrom().item(false);
            }
            Map<String, Object> before = Map.of("orgRole", account.orgRole, "resourceGroupRoles", account.resourceGroupRoles);
            account.orgRole = role;
            account.resourceGroupRoles = Map.copyOf(rg);
            account.userVersion++;
            account.updated = now;
            AccountRecord r = account.toRecord();
            List<HubEvent> events = List.of(AccountLifecycle.membership(r, context(now)), AccountLifecycle.state(r, context(now)));
            Map<String, Object> after = Map.of("orgRole", role, "resourceGroupRoles", rg, "matchedRules",
                    outcome.matchedRules());
            return outbox.appendAll(events)
                    .chain(() -> audit.record(org.id, actor, "account.roles-changed", "user:" + account.username,
                            before, after, now))
                    .replaceWith(true);
        });
    }

    /** True if the account may have its roles changed (deleted accounts never change). */
    public static boolean applicable(Account account) {
        return account != null && account.status != UserStatus.DELETED;
    }

    private static AccountLifecycle.Context context(Instant now) {
        return new AccountLifecycle.Context(null, null, null, false, now, () -> UUID.randomUUID().toString());
    }
}
