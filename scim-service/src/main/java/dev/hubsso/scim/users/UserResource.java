package dev.hubsso.scim.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.UserFilter;
import dev.hubsso.scim.filter.UserFilterParser;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.patch.PatchOperation;
import dev.hubsso.scim.patch.UserPatcher;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.web.ScimJson;
import dev.hubsso.scim.web.ScimMediaType;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * SCIM 2.0 Users of one organization (RFC 7644 §3): {@code /scim/v2/{org}/Users}, where
 * {@code org} is the organization's name and the bearer token one of its SCIM tokens. A token of
 * another organization gets 404, never a hint that the resource exists.
 *
 * <p>Requests may be {@code application/scim+json} or {@code application/json}; responses are
 * {@code application/scim+json}. Every change is announced on {@code scim.changes.v1}.
 */
@Path("/scim/v2/{org}/Users")
@Consumes({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class UserResource {

    private final OrgDirectory directory;
    private final UserService service;
    private final ScimConfig config;

    public UserResource(OrgDirectory directory, UserService service, ScimConfig config) {
        this.directory = directory;
        this.service = service;
        this.config = config;
    }

    /**
     * Creates a user. Answers 201 with the resource, its {@code Location} and {@code ETag}. The
     * managed hub username derived from {@code userName} is returned read-only in the
     * {@code urn:hub:scim:schemas:extension:account:2.0:User} extension. {@code password} is
     * accepted and discarded; {@code id}, {@code meta} and {@code groups} are ignored.
     * 409 {@code uniqueness} when the userName (case-insensitively) or the hub username it maps
     * to is taken in the organization; 400 {@code invalidValue} when no hub username can be formed.
     */
    @POST
    public Uni<Response> create(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri, String body) {
        ScimCaller caller = authenticate(org, authorization);
        ScimUser user = UserPatcher.fromCreateBody(ScimJson.parseObject(body));
        return service.create(caller, user).map(stored -> {
            String location = location(uri, org, stored.id());
            return Response.created(URI.create(location))
                    .header(HttpHeaders.ETAG, stored.etag())
                    .type(ScimMediaType.SCIM_JSON)
                    .entity(ScimJson.write(UserRepresentation.toJson(stored, location)))
                    .build();
        });
    }

    /** Returns one user, with its {@code ETag}; 404 when the organization has no such user. */
    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        ScimCaller caller = authenticate(org, authorization);
        return service.get(caller, parseId(id)).map(stored -> resource(Response.ok(), stored, uri, org));
    }

    /**
     * Lists users. This release supports the filters IdPs use to check for an existing user,
     * {@code userName eq "..."} (case-insensitive) and {@code externalId eq "..."}; any other
     * filter is 400 {@code invalidFilter}. No match is 200 with {@code totalResults: 0}. Paging
     * with {@code startIndex} (1-based) and {@code count}.
     */
    @GET
    public Uni<Response> list(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @Context UriInfo uri) {
        ScimCaller caller = authenticate(org, authorization);
        UserFilter parsed = filter == null ? null : UserFilterParser.parse(filter);
        int start = Math.max(1, integer(startIndex, 1, "startIndex"));
        int size = Math.min(config.maxResults(), Math.max(0, integer(count, config.maxResults(), "count")));
        return service.list(caller, parsed, start, size).map(page -> {
            List<ObjectNode> resources = page.users().stream()
                    .map(u -> UserRepresentation.toJson(u, location(uri, org, u.id()))).toList();
            return Response.ok(ScimJson.write(UserRepresentation.list(page.totalResults(), start, resources)))
                    .type(ScimMediaType.SCIM_JSON).build();
        });
    }

    /**
     * Modifies a user with PATCH operations (RFC 7644 §3.5.2), all or nothing. Accepts Entra's
     * capitalised ops and string booleans, and path-less values. Honours {@code If-Match} (412).
     * A PATCH that changes nothing keeps the version and the {@code ETag}.
     */
    @PATCH
    @Path("{id}")
    public Uni<Response> patch(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context UriInfo uri, String body) {
        ScimCaller caller = authenticate(org, authorization);
        UUID userId = parseId(id);
        List<PatchOperation> operations = PatchOperation.parseRequest(ScimJson.parseObject(body));
        return service.patch(caller, userId, ifMatch, operations)
                .map(stored -> resource(Response.ok(), stored, uri, org));
    }

    /** Deletes a user (permanent; the hub deletes the managed account). 204; honours {@code If-Match}. */
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ScimCaller caller = authenticate(org, authorization);
        return service.delete(caller, parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    private ScimCaller authenticate(String org, String authorization) {
        return directory.authenticate(org, authorization, Instant.now());
    }

    private Response resource(Response.ResponseBuilder builder, StoredUser stored, UriInfo uri, String org) {
        return builder.header(HttpHeaders.ETAG, stored.etag())
                .type(ScimMediaType.SCIM_JSON)
                .entity(ScimJson.write(UserRepresentation.toJson(stored, location(uri, org, stored.id()))))
                .build();
    }

    private String location(UriInfo uri, String org, UUID id) {
        String base = config.publicBaseUrl().map(URI::toString).orElse(uri.getBaseUri().toString());
        if (!base.endsWith("/")) {
            base += "/";
        }
        return base + "scim/v2/" + URLEncoder.encode(org, StandardCharsets.UTF_8).replace("+", "%20") + "/Users/" + id;
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound("User " + id + " not found");
        }
    }

    private static int integer(String value, int absent, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }
}
