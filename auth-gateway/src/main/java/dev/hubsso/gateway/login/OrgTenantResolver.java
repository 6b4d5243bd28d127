package dev.hubsso.gateway.login;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives quarkus-oidc a tenant for {@code /login/{org}} (where the code flow starts and where the
 * IdP redirects back) and for nothing else: the default tenant is disabled, so
 * {@code /auth/verify}, {@code /admin/*} and {@code /q/*} never meet OIDC.
 */
@ApplicationScoped
public class OrgTenantResolver implements TenantConfigResolver {

    /** Routing context key under which {@link LoginResource} leaves the target it already resolved. */
    static final String TARGET = OrgTenantResolver.class.getName() + ".target";

    private final OrgLogins logins;

    public OrgTenantResolver(OrgLogins logins) {
        this.logins = logins;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        String org = orgOf(context.normalizedPath());
        if (org == null) {
            return Uni.createFrom().nullItem();
        }
        OrgLogins.Target known = context.get(TARGET);
        if (known != null && known.org().name().equals(org)) {
            return Uni.createFrom().item(known.tenant());
        }
        // An org that cannot log in has no tenant; the login resource answers with the reason.
        return logins.target(org).map(OrgLogins.Target::tenant).onFailure().recoverWithNull();
    }

    /** The org name of a {@code /login/{org}} path, else null. */
    static String orgOf(String path) {
        if (path == null || !path.startsWith("/login/")) {
            return null;
        }
        String rest = path.substring("/login/".length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() || rest.indexOf('/') >= 0 ? null : rest;
    }
}
