package dev.hubsso.scim.filter;

/**
 * A parsed User filter. This slice knows one shape, {@code attribute eq "value"} on
 * {@code userName} or {@code externalId} (the IdPs' existence checks); the full grammar
 * replaces this with an AST without changing the callers' contract: parse, or
 * {@code invalidFilter}.
 *
 * @param attribute the attribute compared
 * @param value the value it must equal (case-insensitively for userName, exactly for externalId)
 */
public record UserFilter(Attribute attribute, String value) {

    /** Attributes a filter may compare, with their {@code caseExact} (RFC 7643 §4.1.1). */
    public enum Attribute {
        USER_NAME("userName", false),
        EXTERNAL_ID("externalId", true);

        private final String scimName;
        private final boolean caseExact;

        Attribute(String scimName, boolean caseExact) {
            this.scimName = scimName;
            this.caseExact = caseExact;
        }

        public String scimName() {
            return scimName;
        }

        public boolean caseExact() {
            return caseExact;
        }
    }
}
