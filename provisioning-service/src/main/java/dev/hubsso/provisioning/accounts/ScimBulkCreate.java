package dev.hubsso.provisioning.accounts;

import dev.hubsso.events.EventCodec;
import dev.hubsso.events.HubEvent;
import dev.hubsso.events.ManagedUsername;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.outbox.Outbox;
import dev.hubsso.provisioning.Clock;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle;
import dev.hubsso.provisioning.accounts.core.AccountLifecycle.Apply;
import dev.hubsso.provisioning.accounts.core.AccountRecord;
import dev.hubsso.provisioning.orgs.Org;
import dev.hubsso.provisioning.orgs.OrgRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The bulk path of a burst of SCIM creations, inside the batch's transaction: creations of users
 * the hub has never seen are decided by the same {@link AccountLifecycle} rules as one by one,
 * but looked up with a handful of set queries and written with multi-row inserts, so a poll of
 * 500 costs tens of round trips instead of thousands.
 *
 * <p>A creation takes the bulk path only when nothing about it needs the careful path: its SCIM
 * user and its username each appear once in the batch, no account has that SCIM id or username,
 * no JIT account could be the same person (externalId, email), and no SCIM group lists the user
 * (so the org's default role is its role). Everything else is left to the caller, in order.
 */
@ApplicationScoped
public class ScimBulkCreate {

    /** Rows per multi-row insert (7 or 9 bound parameters each, far below PostgreSQL's limit). */
    static final int ROWS_PER_INSERT = 500;

    private final OrgRepository orgs;
    private final AccountRepository accounts;
    private final Outbox outbox;

    public ScimBulkCreate(OrgRepository orgs, AccountRepository accounts, Outbox outbox) {
        this.orgs = orgs;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** Creates what it can; returns the event ids it handled (the caller applies the others). */
    public Uni<Set<String>> createNew(List<ScimUserChanged> batch) {
        Map<String, Long> perUser = batch.stream().collect(Collectors.groupingBy(ScimUserChanged::scimUserId,
                Collectors.counting()));
        List<ScimUserChanged> creations = batch.stream()
                .filter(c -> c.change() == Change.CREATED && c.user() != null && perUser.get(c.scimUserId()) == 1)
                .toList();
        if (creations.size() < 2) {
            return Uni.createFrom().item(Set.of());
        }
        Set<UUID> orgIds = new HashSet<>();
        for (ScimUserChanged c : creations) {
            try {
                orgIds.add(UUID.fromString(c.orgId()));
            } catch (IllegalArgumentException e) {
                // left to the careful path, which rejects it
            }
        }
        return orgs.list("id in ?1", orgIds).chain(orgList -> {
            Map<String, Org> byId = orgList.stream().collect(Collectors.toMap(o -> o.id.toString(), Function.identity()));
            Map<String, String> usernames = new HashMap<>();
            for (ScimUserChanged c : creations) {
                Org org = byId.get(c.orgId());
                String u = org == null ? null : username(org, c);
                if (u != null) {
                    usernames.put(c.eventId(), u);
                }
            }
            Map<String, Long> perName = usernames.values().stream()
                    .collect(Collectors.groupingBy(u -> u.toLowerCase(Locale.ROOT), Collectors.counting()));
            List<ScimUserChanged> eligible = creations.stream().filter(c -> usernames.containsKey(c.eventId())
                    && perName.get(usernames.get(c.eventId()).toLowerCase(Locale.ROOT)) == 1).toList();
            if (eligible.isEmpty()) {
                return Uni.createFrom().item(Set.<String>of());
            }
            return blocked(eligible, usernames, orgIds).chain(blocked -> {
                List<ScimUserChanged> go = eligible.stream().filter(c -> !blocked.contains(c.eventId())).toList();
                return write(go, byId, usernames).replaceWith(go.stream().map(ScimUserChanged::eventId)
                        .collect(Collectors.toSet()));
            });
        });
    }

    /** Event ids whose creation needs the careful path: the set queries, one after the other. */
    private Uni<Set<String>> blocked(List<ScimUserChanged> eligible, Map<String, String> usernames, Set<UUID> orgIds) {
        List<String> ids = eligible.stream().map(ScimUserChanged::scimUserId).toList();
        List<String> names = eligible.stream().map(c -> usernames.get(c.eventId()).toLowerCase(Locale.ROOT)).toList();
        List<String> externalIds = eligible.stream().map(c -> c.user().externalId()).filter(x -> x != null && !x.isBlank())
                .toList();
        List<String> emails = eligible.stream().map(c -> c.user().email()).filter(x -> x != null && !x.isBlank())
                .map(x -> x.toLowerCase(Locale.ROOT)).toList();
        Set<String> takenIds = new HashSet<>();
        Set<String> takenNames = new HashSet<>();
        Set<String> jitExternal = new HashSet<>();
        Set<String> jitEmails = new HashSet<>();
        Set<String> grouped = new HashSet<>();
        return accounts.getSession()
                .chain(s -> s.createSelectionQuery("select scimUserId from Account where scimUserId in :ids", String.class)
                        .setParameter("ids", ids).getResultList().invoke(takenIds::addAll)
                        .chain(() -> s.createSelectionQuery(
                                "select lower(username) from Account where lower(username) in :names", String.class)
                                .setParameter("names", names).getResultList().invoke(takenNames::addAll))
                        .chain(() -> s.createSelectionQuery("select externalId from Account where orgId in :orgs"
                                + " and scimUserId is null and externalId in :ext", String.class)
                                .setParameter("orgs", orgIds).setParameter("ext", externalIds.isEmpty() ? List.of("") : externalIds)
                                .getResultList().invoke(jitExternal::addAll))
                        .chain(() -> s.createSelectionQuery("select lower(email) from Account where orgId in :orgs"
                                + " and scimUserId is null and lower(email) in :emails", String.class)
                                .setParameter("orgs", orgIds).setParameter("emails", emails.isEmpty() ? List.of("") : emails)
                                .getResultList().invoke(jitEmails::addAll))
                        .chain(() -> groupMembers(s, ids).invoke(grouped::addAll)))
                .map(x -> {
                    Set<String> out = new HashSet<>();
                    for (ScimUserChanged c : eligible) {
                        String email = c.user().email() == null ? null : c.user().email().toLowerCase(Locale.ROOT);
                        if (takenIds.contains(c.scimUserId())
                                || takenNames.contains(usernames.get(c.eventId()).toLowerCase(Locale.ROOT))
                                || (c.user().externalId() != null && jitExternal.contains(c.user().externalId()))
                                || (email != null && jitEmails.contains(email)) || grouped.contains(c.scimUserId())) {
                            out.add(c.eventId());
                        }
                    }
                    return out;
                });
    }

    @SuppressWarnings("unchecked")
    private static Uni<List<String>> groupMembers(Mutiny.Session s, List<String> ids) {
        return s.createNativeQuery("select scim_user_id from {h-schema}scim_group_members where scim_user_id in (:ids)",
                String.class).setParameter("ids", ids).getResultList().map(l -> (List<String>) l);
    }

    private Uni<Void> write(List<ScimUserChanged> go, Map<String, Org> orgs, Map<String, String> usernames) {
        if (go.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Clock.now();
        List<Account> created = new ArrayList<>();
        List<HubEvent> events = new ArrayList<>();
        List<Object[]> audit = new ArrayList<>();
        for (ScimUserChanged c : go) {
            Org org = orgs.get(c.orgId());
            var ctx = new AccountLifecycle.Context(UUID.randomUUID().toString(), org.defaultRole,
                    usernames.get(c.eventId()), false, now, () -> UUID.randomUUID().toString());
            if (!(AccountLifecycle.decide(null, c, ctx) instanceof Apply apply)) {
                throw new IllegalStateException("a new user's creation was not applied: " + c.eventId());
            }
            Account a = new Account();
            a.apply(apply.after(), now);
            created.add(a);
            events.addAll(apply.events());
            AccountRecord r = apply.after();
            audit.add(new Object[] { org.id, now, c.actor() == null ? "scim" : c.actor(), "account.scim-created",
                    "user:" + r.username(), null, json(r), c.eventId() });
        }
        return accounts.persist(created).chain(() -> accounts.flush())
                .chain(() -> insertOutbox(events, now))
                .chain(() -> insertAudit(audit));
    }

    private static String json(Object o) {
        try {
            return EventCodec.mapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events as outbox rows, mapped by {@link Outbox#columnValues}, in order. */
    private Uni<Void> insertOutbox(List<HubEvent> events, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        for (HubEvent e : events) {
            rows.add(outbox.columnValues(e));
        }
        return insertRows("outbox (" + Outbox.COLUMNS + ")", rows);
    }

    private Uni<Void> insertAudit(List<Object[]> rows) {
        return insertRows("audit_log (org_id, at, actor, action, target, before, after, request_id)", rows);
    }

    private Uni<Void> insertRows(String tableAndColumns, List<Object[]> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("insert into {h-schema}").append(tableAndColumns).append(" values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(" : ", (");
                for (int j = 0; j < chunk.get(i).length; j++) {
                    sql.append(j == 0 ? "" : ", ").append(":p").append(i).append('_').append(j);
                }
                sql.append(')');
            }
            chain = chain.chain(() -> accounts.getSession().chain(s -> {
                var q = s.createNativeQuery(sql.toString());
                for (int i = 0; i < chunk.size(); i++) {
                    for (int j = 0; j < chunk.get(i).length; j++) {
                        q.setParameter("p" + i + "_" + j, chunk.get(i)[j]);
                    }
                }
                return q.executeUpdate();
            })).replaceWithVoid();
        }
        return chain;
    }

    private static String username(Org org, ScimUserChanged c) {
        String hub = c.user().hubUsername();
        if (hub != null && !hub.isBlank()) {
            return ManagedUsername.isValid(hub) ? hub : null;
        }
        try {
            return ManagedUsername.derive(c.user().userName(), org.shortCode);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
