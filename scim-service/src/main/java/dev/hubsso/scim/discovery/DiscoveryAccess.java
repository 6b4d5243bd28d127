package dev.hubsso.scim.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.web.ScimJson;
import dev.hubsso.scim.web.ScimMediaType;
import dev.hubsso.scim.web.ScimUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;

/**
 * What the discovery resources share: the same bearer authentication as the resources, the
 * organization's base URL, and the SCIM JSON response. Each discovery endpoint is its own
 * resource class with its full path: a class at {@code /scim/v2/{org}} would capture
 * {@code /Users} and turn its 405s into 404s.
 */
@ApplicationScoped
public class DiscoveryAccess {

    private final OrgDirectory directory;
    private final ScimConfig config;

    public DiscoveryAccess(OrgDirectory directory, ScimConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /** 401 without a valid token, 404 for a token of another organization. */
    public void authenticate(String org, String authorization) {
        directory.authenticate(org, authorization, Instant.now());
    }

    public String base(UriInfo uri, String org) {
        return ScimUrls.base(config, uri, org);
    }

    public int maxResults() {
        return config.maxResults();
    }

    public static Response ok(ObjectNode body) {
        return Response.ok(ScimJson.write(body)).type(ScimMediaType.SCIM_JSON).build();
    }
}
