package dev.hubsso.scim.users;

import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.schema.AttributeProjection;
import dev.hubsso.scim.schema.ScimSchemas;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.patch.PatchOperation;
import dev.hubsso.scim.patch.UserPatcher;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.web.ListRequest;
import dev.hubsso.scim.web.ResourceRequests;
import dev.hubsso.scim.web.ScimJson;
import dev.hubsso.scim.web.ScimMediaType;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import dev.hubsso.scim.users.UserRepresentation.GroupRef;
import java.util.List;
import java.util.Map;
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

    private final ResourceRequests requests;
    private final UserService service;

    public UserResource(OrgDirectory directory, UserService service, ScimConfig config) {
        this.requests = new ResourceRequests(ScimSchemas.USERS, UserSql.MAPPING, directory, config);
        this.service = service;
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
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        AttributeProjection projection = requests.projection(attributes, excluded);
        ScimUser user = UserPatcher.fromCreateBody(ScimJson.parseObject(body));
        return service.create(caller, user).map(stored -> {
            String location = requests.location(requests.base(uri, org), stored.id());
            return ResourceRequests.resource(Response.Status.CREATED, stored.etag(), location,
                    projection.apply(UserRepresentation.toJson(stored, location)));
        });
    }

    /**
     * Returns one user, with its {@code ETag}; 304 when {@code If-None-Match} names the current
     * version; 404 when the organization has no such user.
     */
    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri) {
        ScimCaller caller = requests.authenticate(org, authorization);
        AttributeProjection projection = requests.projection(attributes, excluded);
        return service.get(caller, requests.parseId(id)).chain(stored -> ResourceRequests.unlessNotModified(ifNoneMatch,
                stored.version(), stored.etag(), () -> resource(stored, uri, org, projection)));
    }

    /**
     * Lists users (RFC 7644 §3.4.2): the full filter grammar ({@code filter}), paging
     * ({@code startIndex} 1-based, {@code count} capped at {@code hub.scim.max-results}), sorting
     * ({@code sortBy}, {@code sortOrder}) and {@code attributes} / {@code excludedAttributes}. A bad
     * filter is 400 {@code invalidFilter}; no match is 200 with {@code totalResults: 0}.
     * Deactivated users are listed like the others.
     */
    @GET
    public Uni<Response> list(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excluded, @Context UriInfo uri) {
        ScimCaller caller = requests.authenticate(org, authorization);
        return list(caller, org, requests.listRequest(filter, startIndex, count, sortBy, sortOrder, attributes, excluded),
                uri);
    }

    /** Searches users with a {@code SearchRequest} body (RFC 7644 §3.4.3); answers like {@code GET /Users}. */
    @POST
    @Path(".search")
    public Uni<Response> search(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        return list(caller, org, requests.searchRequest(body), uri);
    }

    private Uni<Response> list(ScimCaller caller, String org, ListRequest request, UriInfo uri) {
        ResourceRequests.Query query = requests.query(request);
        String orderBy = UserSql.orderBy(query.sort(), request.descending());
        AttributeProjection projection = query.projection();
        return service.list(caller, query.filter(), orderBy, request.startIndex(), request.count()).chain(page -> {
            Uni<Map<UUID, List<GroupRef>>> groups = projection.returns("groups")
                    ? service.groupsOf(page.users().stream().map(StoredUser::id).toList())
                    : Uni.createFrom().item(Map.of());
            return groups.map(g -> {
                String base = requests.base(uri, org);
                return ResourceRequests.page(page.totalResults(), request, page.users().stream()
                        .map(u -> projection.apply(UserRepresentation.toJson(u, requests.location(base, u.id()),
                                g.getOrDefault(u.id(), List.of()))))
                        .toList());
            });
        });
    }

    /**
     * Replaces a user (RFC 7644 §3.5.1): the attributes sent replace the stored ones, those not
     * sent are cleared, except {@code active}, which keeps its value when omitted. Never creates:
     * 404 for an unknown id. Honours {@code If-Match} (412).
     */
    @PUT
    @Path("{id}")
    public Uni<Response> replace(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        UUID userId = requests.parseId(id);
        AttributeProjection projection = requests.projection(attributes, excluded);
        var json = ScimJson.parseObject(body);
        return withGroups(service.replace(caller, userId, ifMatch, json), userId, projection)
                .map(r -> resource(r.stored(), r.groups(), uri, org, projection));
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
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        UUID userId = requests.parseId(id);
        AttributeProjection projection = requests.projection(attributes, excluded);
        List<PatchOperation> operations = PatchOperation.parseRequest(ScimJson.parseObject(body));
        return withGroups(service.patch(caller, userId, ifMatch, operations), userId, projection)
                .map(r -> resource(r.stored(), r.groups(), uri, org, projection));
    }

    /** Deletes a user (permanent; the hub deletes the managed account). 204; honours {@code If-Match}. */
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ScimCaller caller = requests.authenticate(org, authorization);
        return service.delete(caller, requests.parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    /** The user with its computed {@code groups} (not read when projected away). */
    private Uni<Response> resource(StoredUser stored, UriInfo uri, String org, AttributeProjection projection) {
        Uni<List<GroupRef>> groups = projection.returns("groups")
                ? service.groupsOf(List.of(stored.id())).map(g -> g.getOrDefault(stored.id(), List.of()))
                : Uni.createFrom().item(List.of());
        return groups.map(g -> resource(stored, g, uri, org, projection));
    }

    /** A changed user and its computed {@code groups}. */
    private record Changed(StoredUser stored, List<GroupRef> groups) {
    }

    /**
     * Runs a PUT or PATCH and, at the same time on another connection, reads the user's groups
     * (unless projected away): neither can change a user's groups (they are read-only on a User),
     * so the read need not wait for the change to commit, and the response waits for the longer
     * of the two instead of their sum. A group change racing with it is seen or not, as it would
     * be just before or just after the request.
     */
    private Uni<Changed> withGroups(Uni<StoredUser> change, UUID userId, AttributeProjection projection) {
        if (!projection.returns("groups")) {
            return change.map(stored -> new Changed(stored, List.of()));
        }
        Uni<List<GroupRef>> groups = service.groupsOf(List.of(userId)).map(g -> g.getOrDefault(userId, List.of()));
        return Uni.combine().all().unis(change, groups).with(Changed::new);
    }

    private Response resource(StoredUser stored, List<GroupRef> groups, UriInfo uri, String org,
            AttributeProjection projection) {
        String location = requests.location(requests.base(uri, org), stored.id());
        return ResourceRequests.resource(Response.Status.OK, stored.etag(), location,
                projection.apply(UserRepresentation.toJson(stored, location, groups)));
    }
}
