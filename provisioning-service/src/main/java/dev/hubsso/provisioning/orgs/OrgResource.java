package dev.hubsso.provisioning.orgs;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.UniqueViolation;
import dev.hubsso.provisioning.admin.AdminApi;
import dev.hubsso.provisioning.admin.AdminContext;
import dev.hubsso.provisioning.admin.AdminOnly;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Organizations and their SSO settings, for hub administrators.
 *
 * <p>Every change publishes the organization's full snapshot ({@code OrgConfig}, without any
 * secret) on {@code hub.org-config.v1} in the same transaction, so the gateway, the policy
 * service and scim-service learn it within moments.
 */
@Path("/admin/orgs")
@AdminOnly
@Tag(name = "Organizations", description = "Organizations and their SSO settings")
@SecurityScheme(securitySchemeName = AdminApi.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Admin credential: an OIDC access token with the hub-admin role, or the API key hub.admin.api-key (local stack)")
@SecurityRequirement(name = AdminApi.SECURITY_SCHEME)
@APIResponse(responseCode = "401", description = "No or wrong admin bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgResource {

    private final OrgService orgs;
    private final AdminContext admin;

    public OrgResource(OrgService orgs, AdminContext admin) {
        this.orgs = orgs;
        this.admin = admin;
    }

    /**
     * Creates an organization. Its name and short code are unique; the short code becomes the
     * suffix of its managed usernames and cannot be reused by another organization.
     */
    @POST
    @Operation(summary = "Create an organization")
    @APIResponse(responseCode = "201", description = "Created; Location names the organization",
            content = @Content(schema = @Schema(implementation = OrgView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name or short code already in use",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OrgView>> create(CreateOrgRequest request, UriInfo uri) {
        OrgValidator.Result result = OrgValidator.validate(request);
        if (!result.valid()) {
            List<FieldError> errors = result.violations().stream()
                    .map(v -> new FieldError(v.field(), v.message())).toList();
            return Uni.createFrom().failure(ProblemException.invalid(errors.size() + " invalid field(s)", errors));
        }
        return orgs.create(result.org(), admin.actor())
                .onFailure(f -> UniqueViolation.constraintOf(f).isPresent())
                .transform(OrgResource::raceConflict)
                .map(org -> RestResponse.ResponseBuilder.<OrgView>
                        created(uri.getAbsolutePathBuilder().path(org.name).build())
                        .entity(OrgView.of(org))
                        .build());
    }

    /**
     * Changes an organization's settings: SSO mode, IdP connection (the client secret only as a
     * reference), claim paths, role mapping rules, session max age, allowed email domains, public
     * content, default role. Absent fields stay unchanged; a plaintext {@code idp.clientSecret} is
     * refused. Role and resource-group assignments follow at each member's next login or SCIM group change.
     */
    @PATCH
    @Path("{name}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change an organization's settings")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrgView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OrgView> update(@RestPath String name, UpdateOrgRequest request) {
        OrgValidator.UpdateResult result = OrgValidator.validateUpdate(request);
        if (!result.valid()) {
            return Uni.createFrom().failure(invalid(result.violations()));
        }
        return orgs.update(name, result.changes(), admin.actor()).map(OrgView::of);
    }

    static ProblemException invalid(List<OrgValidator.Violation> violations) {
        List<FieldError> errors = violations.stream().map(v -> new FieldError(v.field(), v.message())).toList();
        return ProblemException.invalid(errors.size() + " invalid field(s)", errors);
    }

    /** One organization by name. */
    @GET
    @Path("{name}")
    @Operation(summary = "Get an organization")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrgView.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OrgView> get(@RestPath String name) {
        return orgs.get(name).map(OrgView::of);
    }

    /** Every organization, sorted by name. */
    @GET
    @Operation(summary = "List organizations")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrgList.class)))
    public Uni<OrgList> list() {
        return orgs.list().map(list -> new OrgList(list.stream().map(OrgView::of).toList()));
    }

    private static Throwable raceConflict(Throwable failure) {
        String constraint = UniqueViolation.constraintOf(failure).orElse("");
        String field = constraint.contains("short_code") ? "shortCode" : "name";
        return OrgService.conflict(List.of(new FieldError(field, "already in use")));
    }
}
