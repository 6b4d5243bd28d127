package dev.hubsso.scim.users;

import static dev.hubsso.scim.support.ScimApi.as;
import static dev.hubsso.scim.support.ScimApi.userBody;
import static dev.hubsso.scim.support.ScimChanges.awaitRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hubsso.events.EventCodec;
import dev.hubsso.events.ScimChange.Change;
import dev.hubsso.events.ScimUserChanged;
import dev.hubsso.scim.config.ScimConfig;
import dev.hubsso.scim.support.ScimApi;
import dev.hubsso.scim.support.TestOrgs;
import dev.hubsso.scim.support.TestOrgs.TestOrg;
import dev.hubsso.testsupport.HubInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of user creates (ADR 0008), over the real database and broker. Each test holds
 * {@code scim.users} locked (SHARE: reads go on, inserts wait) while creates arrive: the first
 * {@code max-in-flight} statements (one create each) block on the lock, the creates after them queue, and the
 * commit that releases the lock lets the queue go as one statement. So the batches are
 * deterministic, not left to timing.
 */
@QuarkusTest
@QuarkusTestResource(value = HubInfrastructure.class, restrictToAnnotatedClass = false)
class UserInsertsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UserInserts inserts;

    @Inject
    ScimConfig config;

    @Inject
    Vertx vertx;

    @Test
    void queuedCreatesAreWrittenAsOneStatementEachWithItsOwnAnswerAndEvent() throws Exception {
        TestOrg org = TestOrgs.create("batch");
        ScimApi.awaitOrg(org);
        long statementsBefore = inserts.statementCount();
        Map<String, CompletableFuture<Response>> responses = new HashMap<>();
        try (Connection lock = lockUsers()) {
            int lanes = config.createBatch().maxInFlight();
            for (int i = 0; i < lanes; i++) {
                String userName = "blocked" + i + "@example.com";
                responses.put(userName, post(org, userName));
            }
            awaitInsertsWaitingOnTheLock(lanes);
            for (int i = 0; i < 10; i++) {
                String userName = "queued" + i + "@example.com";
                responses.put(userName, post(org, userName));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inserts.queued() == 10);
            // the same userName as a queued create, in other case, queued after it: taken within the batch
            CompletableFuture<Response> duplicate = post(org, "QUEUED3@example.com");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inserts.queued() == 11);
            assertFalse(duplicate.isDone());
            lock.rollback();

            Response taken = duplicate.get(10, TimeUnit.SECONDS);
            assertEquals(409, taken.statusCode(), taken.asString());
            assertEquals("uniqueness", taken.path("scimType"));
        }
        Map<String, String> ids = new HashMap<>();
        for (var e : responses.entrySet()) {
            Response r = e.getValue().get(10, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.asString());
            assertEquals(e.getKey(), r.path("userName"));
            ids.put(e.getKey(), r.path("id"));
        }
        // the blocked statements, then the eleven queued creates in one
        assertEquals(config.createBatch().maxInFlight() + 1, inserts.statementCount() - statementsBefore);
        assertEquals(10 + config.createBatch().maxInFlight(), usersOf(org));

        // each create's event, once
        var records = awaitRecords(new HashSet<>(ids.values()), ids.size());
        assertEquals(ids.size(), records.size());
        Map<String, String> userNameById = new HashMap<>();
        for (var record : records) {
            ScimUserChanged created = EventCodec.decode(record.value(), ScimUserChanged.class);
            assertEquals(Change.CREATED, created.change());
            assertEquals(1, created.version());
            assertEquals(record.key(), created.scimUserId());
            userNameById.put(created.scimUserId(), created.user().userName());
        }
        for (var e : ids.entrySet()) {
            assertEquals(e.getKey(), userNameById.get(e.getValue()));
        }
    }

    @Test
    void aBatchThatFailsAsAWholeIsWrittenAgainOneByOne() throws Exception {
        TestOrg org = TestOrgs.create("batchfail");
        ScimApi.awaitOrg(org);
        long fallbacksBefore = inserts.fallbackCount();
        List<CompletableFuture<Boolean>> blocked = new ArrayList<>();
        UserEntity good = user(org, "good@example.com");
        UserEntity alsoGood = user(org, "also.good@example.com");
        UserEntity bad = user(org, "bad@example.com");
        bad.emails = null; // NOT NULL: PostgreSQL refuses the row, and with it the batch's statement
        CompletableFuture<Boolean> goodResult;
        CompletableFuture<Boolean> alsoGoodResult;
        CompletableFuture<Boolean> badResult;
        try (Connection lock = lockUsers()) {
            int lanes = config.createBatch().maxInFlight();
            for (int i = 0; i < lanes; i++) {
                blocked.add(insert(user(org, "blocked" + i + "@example.com")));
            }
            awaitInsertsWaitingOnTheLock(lanes);
            goodResult = insert(good);
            badResult = insert(bad);
            alsoGoodResult = insert(alsoGood);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inserts.queued() == 3);
            lock.rollback();
        }
        for (CompletableFuture<Boolean> b : blocked) {
            assertTrue(b.get(10, TimeUnit.SECONDS));
        }
        assertTrue(goodResult.get(10, TimeUnit.SECONDS));
        assertTrue(alsoGoodResult.get(10, TimeUnit.SECONDS));
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> badResult.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("emails"), failure.getCause().getMessage());
        assertEquals(1, inserts.fallbackCount() - fallbacksBefore);
        assertEquals(2 + config.createBatch().maxInFlight(), usersOf(org));
        // a taken name in the fallback is still false, not a failure
        assertFalse(insert(user(org, "GOOD@example.com")).get(10, TimeUnit.SECONDS));
    }

    /**
     * A batch's statement runs from the context of whichever request started it; each create
     * still resumes on the Vert.x context of its own request (where a Bulk request's Hibernate
     * Reactive session lives).
     */
    @Test
    void eachCreateResumesOnTheContextThatAskedForIt() throws Exception {
        TestOrg org = TestOrgs.create("batchctx");
        ScimApi.awaitOrg(org);
        // two requests' contexts, as Quarkus gives each request a duplicated context of its own
        Context first = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Context second = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        assertNotSame(first, second);
        List<CompletableFuture<Context>> firsts = new ArrayList<>();
        CompletableFuture<Context> resumedSecond = new CompletableFuture<>();
        try (Connection lock = lockUsers()) {
            int lanes = config.createBatch().maxInFlight();
            for (int i = 0; i < lanes; i++) {
                UserEntity u = user(org, "first" + i + "@example.com");
                CompletableFuture<Context> resumed = new CompletableFuture<>();
                firsts.add(resumed);
                first.runOnContext(v -> inserts.insert(u, event(u)).subscribe()
                        .with(ok -> resumed.complete(Vertx.currentContext()), resumed::completeExceptionally));
            }
            awaitInsertsWaitingOnTheLock(lanes);
            UserEntity u = user(org, "second@example.com");
            second.runOnContext(v -> inserts.insert(u, event(u)).subscribe()
                    .with(ok -> resumedSecond.complete(Vertx.currentContext()), resumedSecond::completeExceptionally));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inserts.queued() == 1);
            lock.rollback();
        }
        for (CompletableFuture<Context> f : firsts) {
            assertSame(first, f.get(10, TimeUnit.SECONDS));
        }
        // its statement was started, and completed, on the first context
        assertSame(second, resumedSecond.get(10, TimeUnit.SECONDS));
    }

    /** A thread per request: each blocks until its create is answered, and they must all be in flight at once. */
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    private CompletableFuture<Response> post(TestOrg org, String userName) {
        return CompletableFuture.supplyAsync(
                () -> as(org).body(userBody(userName)).post(org.base() + "/Users").then().extract().response(), clients);
    }

    private CompletableFuture<Boolean> insert(UserEntity user) {
        Uni<Boolean> result = inserts.insert(user, event(user));
        return result.subscribeAsCompletionStage();
    }

    private static Object[] event(UserEntity user) {
        return new Object[] { "scim.changes.v1", user.id.toString(), "dev.hubsso.scim.user.changed",
                UUID.randomUUID().toString(), "/scim-service", OffsetDateTime.now(ZoneOffset.UTC), "{}" };
    }

    private static UserEntity user(TestOrg org, String userName) {
        UserEntity e = new UserEntity();
        e.id = UUID.randomUUID();
        e.orgId = org.orgId();
        e.userName = userName;
        e.hubUsername = userName.substring(0, userName.indexOf('@')).replace('.', '-') + "-" + org.shortCode();
        e.emails = "[]";
        e.active = true;
        e.version = 1;
        e.created = Instant.now();
        e.lastModified = e.created;
        return e;
    }

    /** A connection holding {@code scim.users} in SHARE mode until it rolls back. */
    private Connection lockUsers() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        c.createStatement().execute("lock table scim.users in share mode");
        return c;
    }

    private void awaitInsertsWaitingOnTheLock(int n) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into scim.users%'")) {
                rs.next();
                return rs.getInt(1) == n;
            }
        });
    }

    private long usersOf(TestOrg org) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from scim.users where org_id = ?")) {
            ps.setString(1, org.orgId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
