package dev.hubsso.provisioning.audit;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.admin.AdminApi;
import dev.hubsso.provisioning.admin.AdminOnly;
import dev.hubsso.provisioning.orgs.OrgRepository;
import dev.hubsso.provisioning.orgs.OrgService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * An organization's audit log: every provisioning, role, token and settings change, with its
 * actor, target, before/after, time and request id. Filters combine (and); pages go from the
 * newest entry back, following {@code nextCursor}.
 */
@Path("/admin/orgs/{name}/audit")
@AdminOnly
@Tag(name = "Audit", description = "Audit log of an organization")
@SecurityRequirement(name = AdminApi.SECURITY_SCHEME)
@APIResponse(responseCode = "401", description = "No or wrong admin bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Invalid filter, listed in errors[]",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such organization",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    /** Default and largest page size. */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final int EXPORT_PAGE = 500;

    private final OrgRepository orgs;
    private final AuditRepository entries;

    public AuditResource(OrgRepository orgs, AuditRepository entries) {
        this.orgs = orgs;
        this.entries = entries;
    }

    /**
     * A page of entries, newest first.
     *
     * @param actor exact actor
     * @param target exact target
     * @param action exact action
     * @param from entries at or after this instant (ISO-8601)
     * @param to entries before this instant (ISO-8601)
     * @param cursor {@code nextCursor} of the previous page
     * @param limit page size, 1-500 (default 50)
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search the audit log")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditView.Page.class)))
    @WithSession
    public Uni<AuditView.Page> search(@RestPath String name, @RestQuery String actor, @RestQuery String target,
            @RestQuery String action, @RestQuery String from, @RestQuery String to, @RestQuery String cursor,
            @RestQuery Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        AuditRepository.Filter f = filter(actor, target, action, from, to, cursor, errors);
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid("invalid audit query", errors));
        }
        return org(name).chain(orgId -> entries.page(orgId, f, n + 1)).map(list -> {
            boolean more = list.size() > n;
            List<AuditView> items = list.stream().limit(n).map(AuditView::of).toList();
            return new AuditView.Page(items, more ? Long.toString(items.get(items.size() - 1).id()) : null);
        });
    }

    /** Every matching entry as JSON lines, newest first (read from the database page by page). */
    @GET
    @Path("export")
    @Produces("application/x-ndjson")
    @Operation(summary = "Export the audit log as JSON lines")
    @WithSession
    public Uni<String> export(@RestPath String name, @RestQuery String actor, @RestQuery String target,
            @RestQuery String action, @RestQuery String from, @RestQuery String to) {
        List<FieldError> errors = new ArrayList<>();
        AuditRepository.Filter f = filter(actor, target, action, from, to, null, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid("invalid audit query", errors));
        }
        return org(name).chain(orgId -> collect(orgId, f, new StringBuilder())).map(StringBuilder::toString);
    }

    private Uni<StringBuilder> collect(UUID orgId, AuditRepository.Filter f, StringBuilder out) {
        return entries.page(orgId, f, EXPORT_PAGE).chain(list -> {
            list.forEach(e -> out.append(AuditView.of(e).line()));
            if (list.size() < EXPORT_PAGE) {
                return Uni.createFrom().item(out);
            }
            AuditRepository.Filter next = new AuditRepository.Filter(f.actor(), f.target(), f.action(), f.from(),
                    f.to(), list.get(list.size() - 1).id);
            return collect(orgId, next, out);
        });
    }

    private Uni<UUID> org(String name) {
        return orgs.findByName(name).onItem().ifNull().failWith(() -> OrgService.notFound(name)).map(o -> o.id);
    }

    private static AuditRepository.Filter filter(String actor, String target, String action, String from, String to,
            String cursor, List<FieldError> errors) {
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("cursor", "is not a cursor this API returned"));
            }
        }
        return new AuditRepository.Filter(blank(actor), blank(target), blank(action), instant("from", from, errors),
                instant("to", to, errors), before);
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
