package dev.hubsso.scim.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.filter.FilterBinder;
import dev.hubsso.scim.filter.FilterToSql;
import dev.hubsso.scim.filter.SqlFilter;
import dev.hubsso.scim.filter.SqlMapping;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.schema.AttributeProjection;
import dev.hubsso.scim.schema.ResourceSchema;
import dev.hubsso.scim.users.UserRepresentation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The request handling that the resource endpoints ({@code /Users}, {@code /Groups}) share, for
 * one resource type: bearer authentication, the id in the path (not a UUID: 404, like an unknown
 * one), {@code attributes} / {@code excludedAttributes}, list and {@code .search} requests bound to
 * the type's schema and SQL mapping, the 304 of {@code If-None-Match}, and the SCIM JSON responses
 * with their {@code ETag} and {@code Location}.
 *
 * <p>A plain object each resource builds for its type, not a base class: the JAX-RS annotations
 * stay on the resource methods, and what differs between the types (the representation, what is
 * read besides the resource) stays in the resources.
 */
public final class ResourceRequests {

    /**
     * A list or search request resolved against the resource type, in the order its errors are
     * reported: the filter (400 {@code invalidFilter}), then the sort attribute (400
     * {@code invalidValue}), then the projection.
     *
     * @param request the request as received
     * @param filter the SQL of the filter, or null without one
     * @param sort the attribute to sort by, or null without {@code sortBy}
     * @param projection what to return of each resource
     */
    public record Query(ListRequest request, SqlFilter filter, ResourceSchema.Resolved sort,
            AttributeProjection projection) {
    }

    private final ResourceSchema schema;
    private final SqlMapping mapping;
    private final OrgDirectory directory;
    private final ScimConfig config;

    /**
     * @param schema the resource type served
     * @param mapping how its filter attributes map to SQL
     */
    public ResourceRequests(ResourceSchema schema, SqlMapping mapping, OrgDirectory directory, ScimConfig config) {
        this.schema = schema;
        this.mapping = mapping;
        this.directory = directory;
        this.config = config;
    }

    /** The caller of a request to {@code org}: 401 without a valid token, 404 for a token of another organization. */
    public ScimCaller authenticate(String org, String authorization) {
        return directory.authenticate(org, authorization, Instant.now());
    }

    /** The id in a path; one that is not a UUID names no resource (404). */
    public UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound(schema.name() + " " + id + " not found");
        }
    }

    /** The {@code attributes} / {@code excludedAttributes} parameters (400 {@code invalidValue} when unknown). */
    public AttributeProjection projection(String attributes, String excludedAttributes) {
        return AttributeProjection.of(schema, attributes, excludedAttributes);
    }

    /** The organization's SCIM base URL (see {@link ScimUrls#base}). */
    public String base(UriInfo uri, String org) {
        return ScimUrls.base(config, uri, org);
    }

    /** A resource's absolute URL, its {@code meta.location} and {@code Location}. */
    public String location(String base, UUID id) {
        return base + schema.endpoint() + "/" + id;
    }

    /** A list request from query parameters, its count capped at {@code hub.scim.max-results}. */
    public ListRequest listRequest(String filter, String startIndex, String count, String sortBy, String sortOrder,
            String attributes, String excludedAttributes) {
        return ListRequest.of(filter, startIndex, count, sortBy, sortOrder, attributes, excludedAttributes,
                config.maxResults());
    }

    /** A list request from a {@code SearchRequest} body, its count capped at {@code hub.scim.max-results}. */
    public ListRequest searchRequest(String body) {
        return ListRequest.ofSearchBody(ScimJson.parseObject(body), config.maxResults());
    }

    /** Binds a list request to the resource type. */
    public Query query(ListRequest request) {
        SqlFilter filter = request.filter() == null ? null
                : FilterToSql.translate(FilterBinder.parse(request.filter(), schema), mapping);
        ResourceSchema.Resolved sort = null;
        if (request.sortBy() != null) {
            String[] p = ResourceSchema.split(request.sortBy().strip());
            sort = schema.resolve(p[0], p[1], p[2]);
            if (sort == null) {
                throw ScimException.invalidValue("unknown sortBy attribute " + request.sortBy());
            }
        }
        AttributeProjection projection = projection(request.attributes(), request.excludedAttributes());
        return new Query(request, filter, sort, projection);
    }

    /**
     * A conditional GET: 304 with the current {@code ETag} when {@code If-None-Match} names the
     * current version (or is {@code *}), else the response {@code respond} makes.
     */
    public static Uni<Response> unlessNotModified(String ifNoneMatch, long version, String etag,
            Supplier<Uni<Response>> respond) {
        if (ETags.matchesAny(ifNoneMatch, version)) {
            return Uni.createFrom().item(Response.notModified().header(HttpHeaders.ETAG, etag).build());
        }
        return respond.get();
    }

    /**
     * One resource as SCIM JSON with its {@code ETag}; a 201 also carries its {@code Location}.
     *
     * @param location the resource's absolute URL
     */
    public static Response resource(Response.Status status, String etag, String location, ObjectNode json) {
        Response.ResponseBuilder r = Response.status(status).header(HttpHeaders.ETAG, etag)
                .type(ScimMediaType.SCIM_JSON).entity(ScimJson.write(json));
        if (status == Response.Status.CREATED) {
            r.location(URI.create(location));
        }
        return r.build();
    }

    /** A page of resources as a SCIM {@code ListResponse} (RFC 7644 §3.4.2). */
    public static Response page(long totalResults, ListRequest request, List<ObjectNode> resources) {
        return Response.ok(ScimJson.write(UserRepresentation.list(totalResults, request.startIndex(), resources)))
                .type(ScimMediaType.SCIM_JSON).build();
    }
}
