package dev.hubsso.policy.bench;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.hubsso.policy.bench.BenchQuestions.Question;
import dev.hubsso.policy.rules.Organization;
import dev.hubsso.policy.rules.Resource;
import dev.hubsso.policy.rules.Subject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The managed-account rules of {@code dev.hubsso.policy.rules.PolicyRules} written as Cedar
 * policies, and the questions of {@link BenchQuestions} as Cedar requests with only the entities
 * each needs (the account, its organization, the target), as a real integration would send them.
 * Cedar has no case-insensitive comparison: names are lower-cased when the entities are built.
 */
final class CedarPolicies {

    static final String POLICIES = """
            @id("allow-by-default")
            permit (principal, action, resource);

            @id("account-deleted")
            forbid (principal, action, resource) when { principal.status == "deleted" };

            @id("account-deactivated")
            forbid (principal, action, resource) when { principal.status == "deactivated" };

            @id("managed-other-org-join")
            forbid (principal, action in [Action::"org.join", Action::"org.invite_accept"], resource)
            when { principal.managed
                && !(principal has org && !principal.org.deleted && resource.kind == "org" && resource.name == principal.org.name) };

            @id("managed-personal-content")
            forbid (principal, action in [Action::"repo.create", Action::"repo.update_visibility", Action::"repo.write",
                                          Action::"repo.contribute", Action::"repo.fork"], resource)
            when { principal.managed && resource.kind == "user" && resource.name == principal.username };

            @id("managed-own-org-public-disabled")
            forbid (principal, action in [Action::"repo.create", Action::"repo.fork", Action::"repo.update_visibility"], resource)
            when { principal.managed && principal has org && !principal.org.deleted
                && resource.kind == "org" && resource.name == principal.org.name
                && resource.visibility != "private" && !principal.org.publicContentAllowed };

            @id("managed-outside")
            forbid (principal, action in [Action::"repo.create", Action::"repo.update_visibility", Action::"repo.write",
                                          Action::"repo.contribute", Action::"repo.fork", Action::"repo.read"], resource)
            when { principal.managed
                && !(resource.kind == "user" && resource.name == principal.username)
                && !(principal has org && !principal.org.deleted && resource.kind == "org" && resource.name == principal.org.name)
                && !(action == Action::"repo.read" && resource.visibility == "public") };
            """;

    private static final EntityTypeName USER = EntityTypeName.parse("User").orElseThrow();
    private static final EntityTypeName ORG = EntityTypeName.parse("Org").orElseThrow();
    private static final EntityTypeName TARGET = EntityTypeName.parse("Target").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();

    /**
     * One question ready for Cedar.
     *
     * @param request the request
     * @param entities the entities it needs
     */
    record Prepared(AuthorizationRequest request, Entities entities) {
    }

    final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    final PolicySet policies;

    /** @param cached whether to let cedar-java keep the parsed policy set on the native side ({@link PolicySet#cache()}) */
    CedarPolicies(boolean cached) throws Exception {
        this(POLICIES, cached);
    }

    /** Other policies, for calibration. */
    CedarPolicies(String text, boolean cached) throws Exception {
        policies = PolicySet.parsePolicies(text);
        if (cached) {
            policies.cache();
        }
    }

    boolean isAllowed(Prepared p) throws Exception {
        AuthorizationResponse r = engine.isAuthorized(p.request(), policies, p.entities());
        if (r.success.isEmpty()) {
            throw new IllegalStateException("cedar failed: " + r.errors);
        }
        return r.success.get().isAllowed();
    }

    static Prepared prepare(Question q) {
        Set<Entity> entities = new HashSet<>();
        Subject s = q.subject();
        Map<String, Value> user = new HashMap<>();
        user.put("managed", new PrimBool(s.managed()));
        user.put("status", new PrimString(s.status().name().toLowerCase(Locale.ROOT)));
        user.put("username", new PrimString(lower(s.username())));
        Organization o = q.org();
        if (o != null) {
            EntityUID orgUid = ORG.of(o.orgId());
            user.put("org", orgUid);
            Map<String, Value> org = new HashMap<>();
            org.put("name", new PrimString(lower(o.name())));
            org.put("publicContentAllowed", new PrimBool(o.publicContentAllowed()));
            org.put("deleted", new PrimBool(o.deleted()));
            entities.add(new Entity(orgUid, org, Set.of()));
        }
        EntityUID userUid = USER.of(s.userId());
        entities.add(new Entity(userUid, user, Set.of()));
        Map<String, Value> target = new HashMap<>();
        Resource r = q.resource();
        target.put("kind", new PrimString(r == null || r.namespace() == null ? "none" : r.namespace().kind().wireName()));
        target.put("name", new PrimString(r == null || r.namespace() == null ? "" : lower(r.namespace().name())));
        target.put("visibility", new PrimString(r == null || r.visibility() == null ? "none" : r.visibility().wireName()));
        EntityUID targetUid = TARGET.of("t");
        entities.add(new Entity(targetUid, target, Set.of()));
        AuthorizationRequest request = new AuthorizationRequest(userUid, ACTION.of(q.action().wireName()), targetUid, Map.of());
        return new Prepared(request, new Entities(entities));
    }

    static List<Prepared> prepareAll() {
        return BenchQuestions.ALL.stream().map(CedarPolicies::prepare).toList();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
