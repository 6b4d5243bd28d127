package dev.hubsso.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to an RFC 7807 body: clear for bad input, opaque (an error id, no stack
 * trace) for the unexpected. A service with another error format (SCIM) registers mappers of a
 * higher priority for its own routes.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        String detail = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? "invalid value at " + jsonPath(m) + ": " + e.getOriginalMessage()
                : "malformed JSON: " + e.getOriginalMessage();
        return respond(new Problem("urn:hub:problem:malformed-json", "Malformed request body", 400, detail, path(uri), null));
    }

    /**
     * A body of the wrong shape ({@code "subject":"alice"} where an object is expected). Declared
     * for this exact type because quarkus-rest-jackson maps it with its own, non-problem body.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "HTTP " + status : s.getReasonPhrase();
        String detail = status >= 500 ? title : e.getMessage();
        return respond(new Problem("about:blank", title, status, detail, path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, path(uri));
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "unexpected error; reference " + id, path(uri), null));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getPath();
    }

    private static String jsonPath(MismatchedInputException m) {
        StringBuilder sb = new StringBuilder("$");
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Problem for a list of field errors. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return ProblemException.invalid(errors.size() + " invalid field(s)", errors);
    }
}
