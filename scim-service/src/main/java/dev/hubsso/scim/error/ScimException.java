package dev.hubsso.scim.error;

/**
 * A SCIM error (RFC 7644 §3.12): an HTTP status, an optional {@link ScimType} and a detail for
 * humans. Thrown anywhere in the service; one exception mapper turns it into the RFC body. The
 * detail is shown to the client, so it never carries internals.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final ScimType scimType;

    public ScimException(int status, ScimType scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    /** The scimType keyword, or null when the status says it all. */
    public ScimType scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, ScimType.INVALID_FILTER, detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, ScimType.INVALID_SYNTAX, detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, ScimType.INVALID_PATH, detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, ScimType.INVALID_VALUE, detail);
    }

    public static ScimException noTarget(String detail) {
        return new ScimException(400, ScimType.NO_TARGET, detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, ScimType.MUTABILITY, detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, ScimType.UNIQUENESS, detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException preconditionFailed(String detail) {
        return new ScimException(412, null, detail);
    }
}
