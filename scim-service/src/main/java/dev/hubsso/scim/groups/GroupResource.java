package dev.hubsso.scim.groups;

import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.patch.GroupPatcher;
import dev.hubsso.scim.patch.PatchOperation;
import dev.hubsso.scim.schema.AttributeProjection;
import dev.hubsso.scim.schema.ScimSchemas;
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
import java.util.List;
import java.util.UUID;

/**
 * SCIM 2.0 Groups of one organization (RFC 7644 §3): {@code /scim/v2/{org}/Groups}. Members are
 * users of the same organization. {@code displayName} is unique per organization
 * (case-insensitively, 409 {@code uniqueness}). PATCH accepts the member shapes Entra ID and Okta
 * send. Every change is announced on {@code scim.changes.v1} as a {@code ScimGroupChanged} with
 * the members after it. A token of another organization gets 404.
 */
@Path("/scim/v2/{org}/Groups")
@Consumes({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class GroupResource {

    private final ResourceRequests requests;
    private final GroupService service;

    public GroupResource(OrgDirectory directory, GroupService service, ScimConfig config) {
        this.requests = new ResourceRequests(ScimSchemas.GROUPS, GroupSql.MAPPING, directory, config);
        this.service = service;
    }

    /**
     * Creates a group with {@code displayName}, optional {@code externalId} and {@code members}.
     * 201 with {@code Location} and {@code ETag}; 409 {@code uniqueness} when the displayName is
     * taken; 400 {@code invalidValue} when a member is not a user of the organization.
     */
    @POST
    public Uni<Response> create(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        AttributeProjection projection = requests.projection(attributes, excluded);
        var group = GroupPatcher.fromBody(ScimJson.parseObject(body));
        String base = requests.base(uri, org);
        return service.create(caller, group).chain(stored -> respond(stored, base, projection, Response.Status.CREATED));
    }

    /** One group with its members; 304 when {@code If-None-Match} names the current version; 404 when unknown. */
    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri) {
        ScimCaller caller = requests.authenticate(org, authorization);
        AttributeProjection projection = requests.projection(attributes, excluded);
        String base = requests.base(uri, org);
        return service.get(caller, requests.parseId(id)).chain(stored -> ResourceRequests.unlessNotModified(ifNoneMatch,
                stored.version(), stored.etag(), () -> respond(stored, base, projection, Response.Status.OK)));
    }

    /**
     * Lists groups (RFC 7644 §3.4.2): filters ({@code displayName}, {@code externalId},
     * {@code id}, {@code members.value}, {@code members.display}, {@code meta.*}), paging, sorting,
     * {@code attributes} / {@code excludedAttributes} (with {@code excludedAttributes=members} the
     * members are not read at all). No match is 200 with {@code totalResults: 0}.
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

    /** Searches groups with a {@code SearchRequest} body (RFC 7644 §3.4.3); answers like {@code GET /Groups}. */
    @POST
    @Path(".search")
    public Uni<Response> search(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        return list(caller, org, requests.searchRequest(body), uri);
    }

    private Uni<Response> list(ScimCaller caller, String org, ListRequest request, UriInfo uri) {
        ResourceRequests.Query query = requests.query(request);
        String orderBy = GroupSql.orderBy(query.sort(), request.descending());
        AttributeProjection projection = query.projection();
        String base = requests.base(uri, org);
        return service.list(caller, query.filter(), orderBy, request.startIndex(), request.count(),
                projection.returns("members"))
                .map(page -> ResourceRequests.page(page.totalResults(), request, page.groups().stream()
                        .map(g -> projection.apply(GroupRepresentation.toJson(g, base,
                                page.members().getOrDefault(g.id(), List.of()))))
                        .toList()));
    }

    /**
     * Replaces a group (RFC 7644 §3.5.1): displayName, externalId and members become those sent
     * (members not sent: none). Never creates (404). Honours {@code If-Match} (412).
     */
    @PUT
    @Path("{id}")
    public Uni<Response> replace(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        UUID groupId = requests.parseId(id);
        AttributeProjection projection = requests.projection(attributes, excluded);
        var group = GroupPatcher.fromBody(ScimJson.parseObject(body));
        String base = requests.base(uri, org);
        return service.replace(caller, groupId, ifMatch, group)
                .chain(stored -> respond(stored, base, projection, Response.Status.OK));
    }

    /**
     * Modifies a group with PATCH operations (RFC 7644 §3.5.2), all or nothing: add / remove /
     * replace of {@code members} (Entra's remove with a value list removes only those;
     * {@code members[value eq "id"]}; {@code replace members []} empties the group),
     * {@code displayName} and {@code externalId}, with or without path. Adding an existing member
     * changes nothing (same {@code ETag}). Honours {@code If-Match} (412).
     */
    @PATCH
    @Path("{id}")
    public Uni<Response> patch(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded,
            @Context UriInfo uri, String body) {
        ScimCaller caller = requests.authenticate(org, authorization);
        UUID groupId = requests.parseId(id);
        AttributeProjection projection = requests.projection(attributes, excluded);
        List<PatchOperation> operations = PatchOperation.parseRequest(ScimJson.parseObject(body));
        String base = requests.base(uri, org);
        return service.patch(caller, groupId, ifMatch, operations)
                .chain(stored -> respond(stored, base, projection, Response.Status.OK));
    }

    /** Deletes a group (its members stay users). 204; honours {@code If-Match}. */
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("org") String org, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ScimCaller caller = requests.authenticate(org, authorization);
        return service.delete(caller, requests.parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    /** The group with its members' displays (not read when projected away). */
    private Uni<Response> respond(StoredGroup stored, String base, AttributeProjection projection, Response.Status status) {
        Uni<List<GroupRepository.Member>> displays = stored.group().members().isEmpty() || !projection.returns("members")
                ? Uni.createFrom().item(List.of())
                : service.members(List.of(stored.id())).map(m -> m.getOrDefault(stored.id(), List.of()));
        return displays.map(d -> ResourceRequests.resource(status, stored.etag(), requests.location(base, stored.id()),
                projection.apply(GroupRepresentation.toJson(stored, base, d))));
    }
}
