package dev.hubsso.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubsso.scim.bulk.BulkOperation.Endpoint;
import dev.hubsso.scim.bulk.BulkOperation.Method;
import dev.hubsso.scim.error.ScimException;
import dev.hubsso.scim.error.ScimType;
import dev.hubsso.scim.groups.GroupService;
import dev.hubsso.scim.org.ScimCaller;
import dev.hubsso.scim.patch.GroupPatcher;
import dev.hubsso.scim.patch.PatchOperation;
import dev.hubsso.scim.patch.UserPatcher;
import dev.hubsso.scim.users.UserService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the operations of a bulk request one after the other through {@link UserService} and
 * {@link GroupService}, exactly as the single-resource endpoints do: each operation is its own
 * transaction with its own {@code scim.changes.v1} event, and a failed operation changes nothing
 * and does not undo the ones before it (RFC 7644 §3.7 does not ask a bulk to be atomic).
 */
@ApplicationScoped
public class BulkProcessor {

    private static final Logger LOG = Logger.getLogger(BulkProcessor.class);

    private final UserService users;
    private final GroupService groups;

    public BulkProcessor(UserService users, GroupService groups) {
        this.users = users;
        this.groups = groups;
    }

    /**
     * Runs a request's operations in plan order until {@code failOnErrors} operations failed.
     *
     * @param base the organization's absolute SCIM base URL
     * @return the results of the operations that ran, in request order
     */
    public Uni<List<BulkResult>> run(ScimCaller caller, String base, BulkRequest request) {
        List<BulkOperation> ops = request.operations();
        BulkPlan plan = BulkPlan.of(ops);
        BulkResult[] results = new BulkResult[ops.size()];
        Map<String, String> created = new HashMap<>();
        int failOnErrors = request.failOnErrors() == null ? Integer.MAX_VALUE : request.failOnErrors();
        int[] errors = {0};
        // concatenated: one operation at a time, in one session context, without a deep Uni chain
        return Multi.createFrom().iterable(plan.order())
                .onItem().transformToUniAndConcatenate(i -> {
                    if (errors[0] >= failOnErrors) {
                        return Uni.createFrom().item(i); // the remaining operations are neither run nor reported
                    }
                    BulkOperation op = ops.get(i);
                    return perform(caller, base, op, plan, created).map(r -> {
                        results[i] = r;
                        if (r.failed()) {
                            errors[0]++;
                        } else if (op.method() == Method.POST) {
                            created.put(op.bulkId(), r.id());
                        }
                        return i;
                    });
                })
                .collect().asList()
                .map(done -> {
                    List<BulkResult> out = new ArrayList<>();
                    for (BulkResult r : results) {
                        if (r != null) {
                            out.add(r);
                        }
                    }
                    return out;
                });
    }

    private Uni<BulkResult> perform(ScimCaller caller, String base, BulkOperation op, BulkPlan plan,
            Map<String, String> created) {
        String[] location = {null};
        return Uni.createFrom().deferred(() -> {
            String id = op.id();
            if (id != null && !id.startsWith(BulkPlan.PREFIX)) {
                location[0] = location(base, op.endpoint(), id);
            }
            if (plan.circular(op.index())) {
                throw new ScimException(409, null, "circular bulkId references: this operation references, directly or"
                        + " through others, a resource it is needed to create");
            }
            for (String ref : plan.references(op.index())) {
                if (!plan.declares(ref)) {
                    throw ScimException.invalidValue("bulkId:" + ref + " is not the bulkId of a POST in this request");
                }
                if (!created.containsKey(ref)) {
                    throw new ScimException(409, null, "bulkId:" + ref + " was not created: its POST failed or did not run");
                }
            }
            if (id != null && id.startsWith(BulkPlan.PREFIX)) {
                id = created.get(id.substring(BulkPlan.PREFIX.length()));
                location[0] = location(base, op.endpoint(), id);
            }
            JsonNode data = BulkPlan.resolve(op.data(), created::get);
            return dispatch(caller, base, op, id, data);
        }).onFailure().recoverWithItem(e -> BulkResult.failure(op, location[0], scimError(e)));
    }

    private Uni<BulkResult> dispatch(ScimCaller caller, String base, BulkOperation op, String id, JsonNode data) {
        Endpoint type = op.endpoint();
        String version = op.version();
        if (type == Endpoint.USERS) {
            return switch (op.method()) {
                case POST -> users.create(caller, UserPatcher.fromCreateBody(data))
                        .map(s -> created(op, base, s.id(), s.etag()));
                case PUT -> users.replace(caller, uuid(type, id), version, data)
                        .map(s -> BulkResult.success(op, id, location(base, type, id), s.etag(), 200));
                case PATCH -> {
                    List<PatchOperation> patch = PatchOperation.parseRequest(data);
                    yield users.patch(caller, uuid(type, id), version, patch)
                            .map(s -> BulkResult.success(op, id, location(base, type, id), s.etag(), 200));
                }
                case DELETE -> users.delete(caller, uuid(type, id), version)
                        .map(v -> BulkResult.success(op, id, location(base, type, id), null, 204));
            };
        }
        return switch (op.method()) {
            case POST -> groups.create(caller, GroupPatcher.fromBody(data))
                    .map(s -> created(op, base, s.id(), s.etag()));
            case PUT -> groups.replace(caller, uuid(type, id), version, GroupPatcher.fromBody(data))
                    .map(s -> BulkResult.success(op, id, location(base, type, id), s.etag(), 200));
            case PATCH -> {
                List<PatchOperation> patch = PatchOperation.parseRequest(data);
                yield groups.patch(caller, uuid(type, id), version, patch)
                        .map(s -> BulkResult.success(op, id, location(base, type, id), s.etag(), 200));
            }
            case DELETE -> groups.delete(caller, uuid(type, id), version)
                    .map(v -> BulkResult.success(op, id, location(base, type, id), null, 204));
        };
    }

    private static BulkResult created(BulkOperation op, String base, UUID id, String etag) {
        return BulkResult.success(op, id.toString(), location(base, op.endpoint(), id.toString()), etag, 201);
    }

    private static String location(String base, Endpoint type, String id) {
        return base + "/" + type.path() + "/" + id;
    }

    /** A resource id; one that is not a UUID names no resource (404, like the single-resource endpoints). */
    private static UUID uuid(Endpoint type, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound((type == Endpoint.USERS ? "User " : "Group ") + id + " not found");
        }
    }

    /** The SCIM error a failed operation reports, as the exception mappers would answer it alone. */
    static ScimException scimError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ScimException scim) {
                return scim;
            }
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return ScimException.uniqueness("a unique attribute (userName, the hub username it maps to, or a group"
                        + " displayName) is already taken");
            }
            if (t instanceof PgException pg && "23503".equals(pg.getSqlState())) {
                return new ScimException(400, ScimType.INVALID_VALUE, "a referenced resource no longer exists");
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s in a bulk operation", reference);
        return new ScimException(500, null, "unexpected error; reference " + reference);
    }
}
