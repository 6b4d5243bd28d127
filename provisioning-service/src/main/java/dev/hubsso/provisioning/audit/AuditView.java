package dev.hubsso.provisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.events.EventCodec;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An audit entry as the admin API shows it.
 *
 * @param id entry id (ascending in time; the pagination cursor)
 * @param at when the change committed
 * @param actor who: {@code admin:...}, {@code scim-token:<id>}, {@code idp:<issuer>#<subject>}
 * @param action what, e.g. {@code org.settings-changed}, {@code account.provisioned}, {@code account.roles-changed}
 * @param target what it changed, e.g. {@code org:acme}, {@code user:ada-acme}, {@code scim-token:<id>}
 * @param before the target before the change, or null
 * @param after the target after the change, or null
 * @param requestId request id ({@code X-Request-Id}) or SCIM event id that carried the change
 */
@Schema(name = "AuditEntry")
public record AuditView(long id, Instant at, String actor, String action, String target, JsonNode before,
        JsonNode after, String requestId) {

    static AuditView of(AuditEntry e) {
        return new AuditView(e.id, e.at, e.actor, e.action, e.target, tree(e.before), tree(e.after), e.requestId);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of the JSON-lines export. */
    String line() {
        try {
            return EventCodec.mapper().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page of entries, newest first.
     *
     * @param items the entries
     * @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page
     */
    @Schema(name = "AuditPage")
    public record Page(List<AuditView> items, String nextCursor) {
    }
}
