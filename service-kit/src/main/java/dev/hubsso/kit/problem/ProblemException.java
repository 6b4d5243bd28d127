package dev.hubsso.kit.problem;

import java.util.List;

/** Thrown by resources and services to answer with a problem body. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "about:blank", "Bad Request", detail, null);
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "urn:hub:problem:validation", "Invalid request", detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "about:blank", "Not Found", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "about:blank", "Conflict", detail, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "about:blank", "Unauthorized", detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "about:blank", "Forbidden", detail, null);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "about:blank", "Service Unavailable", detail, null);
    }

    public int status() {
        return status;
    }

    /** The problem body for a request path. */
    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }
}
