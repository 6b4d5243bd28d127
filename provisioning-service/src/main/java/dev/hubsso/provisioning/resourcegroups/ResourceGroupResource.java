package dev.hubsso.provisioning.resourcegroups;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.kit.problem.Problem.FieldError;
import dev.hubsso.kit.problem.ProblemException;
import dev.hubsso.provisioning.admin.AdminApi;
import dev.hubsso.provisioning.admin.AdminContext;
import dev.hubsso.provisioning.admin.AdminOnly;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Resource groups of an organization and the links from SCIM groups (or IdP group claims) to
 * them, each with a role. Roles are additive: a member gets the highest role any of their groups
 * grants; members' roles are re-evaluated at their next login or SCIM group change.
 */
@Path("/admin/orgs/{name}/resource-groups")
@AdminOnly
@Tag(name = "Resource groups", description = "Resource groups and the groups granting roles in them")
@SecurityRequirement(name = AdminApi.SECURITY_SCHEME)
@APIResponse(responseCode = "401", description = "No or wrong admin bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such organization (or resource group)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResourceGroupResource {

    private final ResourceGroupService groups;
    private final AdminContext admin;

    public ResourceGroupResource(ResourceGroupService groups, AdminContext admin) {
        this.groups = groups;
        this.admin = admin;
    }

    /** The organization's resource groups, by name. */
    @GET
    @Operation(summary = "List resource groups")
    public Uni<ResourceGroupView.Page> list(@RestPath String name) {
        return groups.list(name).map(l -> new ResourceGroupView.Page(l.stream().map(ResourceGroupView::of).toList()));
    }

    /** Creates a resource group with its links. */
    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a resource group")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ResourceGroupView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name already in use",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ResourceGroupView> create(@RestPath String name, ResourceGroupRequest request) {
        List<FieldError> errors = ResourceGroupService.validate(request);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors.size() + " invalid field(s)", errors));
        }
        return groups.create(name, request, admin.actor()).map(ResourceGroupView::of);
    }

    /** Replaces a resource group's name and links. */
    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a resource group")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResourceGroupView.class)))
    public Uni<ResourceGroupView> replace(@RestPath String name, @RestPath String id, ResourceGroupRequest request) {
        List<FieldError> errors = ResourceGroupService.validate(request);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors.size() + " invalid field(s)", errors));
        }
        return groups.replace(name, id, request, admin.actor()).map(ResourceGroupView::of);
    }

    /** Deletes a resource group. */
    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a resource group")
    public Uni<Void> delete(@RestPath String name, @RestPath String id) {
        return groups.delete(name, id, admin.actor());
    }
}
