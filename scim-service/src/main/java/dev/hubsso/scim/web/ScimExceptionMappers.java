package dev.hubsso.scim.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.kit.problem.ProblemMappers;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure on a {@code /scim} route to the SCIM error body of RFC 7644 §3.12, in
 * {@code application/scim+json}; no stack trace ever leaves. These mappers outrank the suite's
 * RFC 7807 mappers (lower priority number); on other routes they hand over to those.
 */
public class ScimExceptionMappers {

    /** The schema of SCIM error bodies. */
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final int PRIORITY = Priorities.USER - 100;
    private static final Logger LOG = Logger.getLogger(ScimExceptionMappers.class);

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper(priority = PRIORITY)
    public Response scim(ScimException e) {
        if (e.status() >= 500 && e.status() != 501) {
            LOG.errorf("SCIM request failed: %s", e.getMessage());
        }
        return respond(e.status(), e.scimType(), e.detail());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        if (!isScim(uri)) {
            return problems.badJson(e, uri);
        }
        return respond(400, ScimType.INVALID_SYNTAX, "malformed JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response web(WebApplicationException e, UriInfo uri) {
        if (!isScim(uri)) {
            return problems.web(e, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        String detail = status == 404 ? "no such SCIM endpoint: " + uri.getRequestUri().getPath()
                : s == null ? "HTTP " + status : s.getReasonPhrase();
        Response.ResponseBuilder r = base(status, status == 400 ? ScimType.INVALID_SYNTAX : null, detail);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            r.header(HttpHeaders.ALLOW, allow);
        }
        return r.build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (!isScim(uri)) {
            return problems.unexpected(e, uri);
        }
        ScimException scim = findCause(e, ScimException.class);
        if (scim != null) {
            return scim(scim);
        }
        PgException pg = findCause(e, PgException.class);
        if (pg != null && "23505".equals(pg.getSqlState())) {
            // two requests raced past the uniqueness check; the unique index decided
            return respond(409, ScimType.UNIQUENESS,
                    "a unique attribute (userName, the hub username it maps to, or a group displayName) is already taken");
        }
        if (pg != null && "23503".equals(pg.getSqlState())) {
            // a member user was deleted while a group change referencing it was being written
            return respond(400, ScimType.INVALID_VALUE, "a referenced resource no longer exists");
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, uri.getRequestUri().getPath());
        return respond(500, null, "unexpected error; reference " + id);
    }

    /** The SCIM error response. */
    public static Response respond(int status, ScimType type, String detail) {
        return base(status, type, detail).build();
    }

    private static Response.ResponseBuilder base(int status, ScimType type, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(ERROR_SCHEMA);
        body.put("status", String.valueOf(status));
        if (type != null) {
            body.put("scimType", type.keyword());
        }
        body.put("detail", detail);
        Response.ResponseBuilder r = Response.status(status).type(ScimMediaType.SCIM_JSON).entity(ScimJson.write(body));
        if (status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r;
    }

    private static boolean isScim(UriInfo uri) {
        String path = uri == null ? "" : uri.getRequestUri().getPath();
        return path.equals("/scim") || path.startsWith("/scim/");
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
