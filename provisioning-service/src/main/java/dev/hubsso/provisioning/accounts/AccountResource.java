package dev.hubsso.provisioning.accounts;

import dev.hubsso.kit.problem.Problem;
import dev.hubsso.provisioning.admin.AdminApi;
import dev.hubsso.provisioning.admin.AdminOnly;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The hub accounts an organization manages, as provisioning sees them: lets an IdP admin check
 * what a SCIM push did (status, version, when credentials were cut off).
 */
@Path("/admin/orgs/{name}/users")
@AdminOnly
@Tag(name = "Accounts", description = "Managed accounts of an organization")
@SecurityRequirement(name = AdminApi.SECURITY_SCHEME)
@APIResponse(responseCode = "401", description = "No or wrong admin bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    /** One account by hub username (case-insensitive); deleted accounts are shown with status {@code DELETED}. */
    @GET
    @Path("{username}")
    @Operation(summary = "Get a managed account by username")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such organization or account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccountView> get(@RestPath String name, @RestPath String username) {
        return accounts.get(name, username).map(AccountView::of);
    }
}
