package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.ScimUserChanged;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a poll's SCIM changes in one transaction: new users' creations in bulk
 * ({@link ScimBulkCreate}), then every other change in order (one session: never two queries at
 * once). The changes' own {@code @WithTransaction} joins this one.
 */
@ApplicationScoped
public class ScimBatch {

    /**
     * One change of the batch.
     *
     * @param eventId its event id
     * @param user the user change, or null for a group change
     * @param apply applies it alone
     */
    public record Item(String eventId, ScimUserChanged user, Supplier<Uni<?>> apply) {
    }

    private final ScimBulkCreate bulk;

    public ScimBatch(ScimBulkCreate bulk) {
        this.bulk = bulk;
    }

    @WithTransaction
    public Uni<Void> applyAll(List<Item> items) {
        List<ScimUserChanged> users = items.stream().map(Item::user).filter(Objects::nonNull).toList();
        return bulk.createNew(users).chain(done -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Item item : items) {
                if (!done.contains(item.eventId())) {
                    chain = chain.chain(() -> item.apply().get().replaceWithVoid());
                }
            }
            return chain;
        });
    }
}
