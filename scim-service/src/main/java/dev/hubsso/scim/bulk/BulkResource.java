package dev.hubsso.scim.bulk;

import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.org.OrgDirectory;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.ratelimit.ScimRateLimiter;
import dev.hubsso.scim.web.ScimJson;
import dev.hubsso.scim.web.ScimMediaType;
import dev.hubsso.scim.web.ScimUrls;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code POST /scim/v2/{org}/Bulk} (RFC 7644 §3.7): a BulkRequest of POST / PUT / PATCH / DELETE
 * operations on {@code /Users}, {@code /Users/{id}}, {@code /Groups} and {@code /Groups/{id}},
 * answered 200 with a BulkResponse listing, for each operation that ran, its {@code method},
 * {@code bulkId}, {@code location}, {@code version} (ETag) and {@code status}, plus the SCIM error
 * as {@code response} when it failed.
 *
 * <p>Each operation runs like the single-resource request it stands for (same checks, same
 * {@code scim.changes.v1} event) and commits on its own: a failed operation does not undo the
 * others. {@code bulkId:<id>} in a later path or anywhere in data stands for the id the POST with
 * that bulkId created; a POST runs before the first operation referencing it. A reference to a
 * bulkId no POST declares fails its operation with 400 {@code invalidValue}, one to a POST that
 * failed (or did not run) with 409, and operations referencing each other in a cycle with 409.
 * {@code failOnErrors: n} stops after n failed operations; those not run are not listed.
 * {@code version} is checked like {@code If-Match} (412).
 *
 * <p>More than {@code hub.scim.bulk.max-operations} operations or a body over
 * {@code hub.scim.bulk.max-payload-size} bytes: 413. A body that is not a BulkRequest (no
 * {@code Operations} array, an unknown method, a path that is not a Users / Groups resource, a
 * POST without bulkId, data that is not an object): 400 before any operation runs. Each operation
 * counts as one request against the token's rate limit.
 */
@Path("/scim/v2/{org}/Bulk")
@Consumes({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
@Produces({ ScimMediaType.SCIM_JSON, ScimMediaType.JSON })
public class BulkResource {

    private final OrgDirectory directory;
    private final BulkProcessor processor;
    private final ScimRateLimiter limiter;
    private final ScimConfig config;

    public BulkResource(OrgDirectory directory, BulkProcessor processor, ScimRateLimiter limiter, ScimConfig config) {
        this.directory = directory;
        this.processor = processor;
        this.limiter = limiter;
        this.config = config;
    }

    /** Runs a BulkRequest; 200 with the BulkResponse, whatever the outcome of each operation. */
    @POST
    public Uni<Response> bulk(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri, String body) {
        ScimCaller caller = directory.authenticate(org, authorization, Instant.now());
        BulkRequest request;
        try {
            request = read(body);
        } catch (ScimException e) {
            // a refused request still counts as one
            Response limited = limiter.charge(caller, 1);
            if (limited != null) {
                return Uni.createFrom().item(limited);
            }
            throw e;
        }
        // one charge for the whole request, so that a bulk larger than the burst runs on a full bucket
        Response limited = limiter.charge(caller, Math.max(1, request.operations().size()));
        if (limited != null) {
            return Uni.createFrom().item(limited);
        }
        String base = ScimUrls.base(config, uri, org);
        return processor.run(caller, base, request).map(results -> Response.ok(ScimJson.write(BulkResult.response(results)))
                .type(ScimMediaType.SCIM_JSON).build());
    }

    private BulkRequest read(String body) {
        int maxPayload = config.bulk().maxPayloadSize();
        // a chunked body carries no Content-Length for PayloadSizeFilter to check; a UTF-8 char
        // takes at most 3 bytes per UTF-16 unit, so short bodies need no encoding to pass
        if (body != null && body.length() > maxPayload / 3 && body.getBytes(StandardCharsets.UTF_8).length > maxPayload) {
            throw PayloadSizeFilter.tooLarge(maxPayload);
        }
        return BulkRequest.parse(ScimJson.parseObject(body), config.bulk().maxOperations());
    }
}
