package dev.hubsso.scim.bulk;

import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.web.ScimExceptionMappers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The request body limit of every SCIM route, {@code hub.scim.bulk.max-payload-size} (advertised as
 * {@code bulk.maxPayloadSize}): a larger {@code Content-Length} gets a SCIM 413 before the body is
 * read. The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}) is set above it, so
 * that its bare 413 only meets bodies far beyond the SCIM limit; a chunked {@code /Bulk} body
 * between the two is refused by {@link BulkResource} once read.
 */
public class PayloadSizeFilter {

    private static final Logger LOG = Logger.getLogger(PayloadSizeFilter.class);

    private final ScimConfig config;

    public PayloadSizeFilter(ScimConfig config) {
        this.config = config;
    }

    void checkHttpLimit(@Observes StartupEvent event) {
        Optional<MemorySize> http = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size",
                MemorySize.class);
        long max = config.bulk().maxPayloadSize();
        if (http.isPresent() && http.get().asLongValue() <= max) {
            LOG.warnf("quarkus.http.limits.max-body-size (%d bytes) is not above hub.scim.bulk.max-payload-size (%d):"
                    + " requests near the limit get a bare 413 instead of a SCIM error", http.get().asLongValue(), max);
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !request.getUriInfo().getPath().startsWith("/scim/")) {
            return Optional.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Optional.empty(); // the HTTP layer refuses a malformed Content-Length itself
        }
        int max = config.bulk().maxPayloadSize();
        if (bytes <= max) {
            return Optional.empty();
        }
        ScimException e = tooLarge(max);
        // the body is not read: close the connection rather than leave it to be drained
        return Optional.of(Response.fromResponse(ScimExceptionMappers.respond(e.status(), e.scimType(), e.detail()))
                .header("Connection", "close").build());
    }

    /** The SCIM 413 for a body over {@code max} bytes. */
    static ScimException tooLarge(int max) {
        return new ScimException(413, null, "the request body is larger than maxPayloadSize (" + max + " bytes)");
    }
}
