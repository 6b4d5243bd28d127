package dev.hubsso.scim.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.web.ScimJson;
import dev.hubsso.scim.web.ScimMediaType;
import dev.hubsso.scim.web.ScimUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

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

    /** The organization's SCIM base URL. */
    public String base(UriInfo uri, String org) {
        return ScimUrls.base(config, uri, org);
    }

    /** The most resources a list answers with ({@code hub.scim.max-results}). */
    public int maxResults() {
        return config.maxResults();
    }

    /**
     * A discovery collection ({@code /ResourceTypes}, {@code /Schemas}): every entry's document as a
     * ListResponse, after authentication.
     *
     * @param document an entry's document, given the organization's base URL
     */
    public <T> Response list(String org, String authorization, UriInfo uri, List<T> entries,
            BiFunction<T, String, ObjectNode> document) {
        authenticate(org, authorization);
        String base = base(uri, org);
        return ok(DiscoveryDocuments.list(entries.stream().map(e -> document.apply(e, base)).toList()));
    }

    /**
     * One entry of a discovery collection by its key, after authentication; 404 when
     * {@code lookup} finds none.
     *
     * @param what what an entry is, for the 404 detail ("no resource type Foo")
     * @param document the entry's document, given the organization's base URL
     */
    public <T> Response one(String org, String authorization, UriInfo uri, String key, Function<String, T> lookup,
            String what, BiFunction<T, String, ObjectNode> document) {
        authenticate(org, authorization);
        T entry = lookup.apply(key);
        if (entry == null) {
            throw ScimException.notFound("no " + what + " " + key);
        }
        return ok(document.apply(entry, base(uri, org)));
    }

    /** A 200 with a SCIM JSON body. */
    public static Response ok(ObjectNode body) {
        return Response.ok(ScimJson.write(body)).type(ScimMediaType.SCIM_JSON).build();
    }
}
