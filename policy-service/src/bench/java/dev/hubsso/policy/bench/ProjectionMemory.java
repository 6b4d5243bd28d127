package dev.hubsso.policy.bench;

import dev.hubsso.events.OrgConfig;
import dev.hubsso.events.UserState;
import dev.hubsso.policy.projection.PolicyProjection;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Retained heap of a {@link PolicyProjection} holding 1,000,000 managed accounts in 10,000
 * organizations, built through the same {@code apply} path as the topics feed it: heap used after
 * full GCs with the projection reachable, minus the same before it was built.
 *
 * <p>Account ids are UUID strings and usernames look like managed ones ({@code first-last-1234-<code>}),
 * as provisioning creates them.
 */
public final class ProjectionMemory {

    private ProjectionMemory() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int orgs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        long start = System.nanoTime();
        PolicyProjection projection = new PolicyProjection();
        Instant now = Instant.now();
        for (int o = 0; o < orgs; o++) {
            projection.apply(new OrgConfig(UUID.randomUUID().toString(), "org-" + o, "c" + Integer.toString(o, 36),
                    OrgConfig.SsoMode.MANAGED, o % 2 == 0, OrgConfig.DEFAULT_SESSION_MAX_AGE_SECONDS, List.of(), "read", List.of(),
                    null, 1, false, now));
        }
        // each account snapshot carries its own copy of the org id, as decoded from JSON
        String[] orgIds = new String[orgs];
        for (int o = 0; o < orgs; o++) {
            orgIds[o] = new String(projection.orgByName("org-" + o).orgId().toCharArray());
        }
        for (int u = 0; u < users; u++) {
            int o = u % orgs;
            String orgId = new String(orgIds[o].toCharArray());
            String username = "first" + u + "-last-" + (u % 9973) + "-c" + Integer.toString(o, 36);
            projection.apply(new UserState(UUID.randomUUID().toString(), orgId, username, true,
                    u % 100 == 0 ? UserState.UserStatus.DEACTIVATED : UserState.UserStatus.ACTIVE, "write", Map.of(), null, null,
                    1 + (u % 7), now));
        }
        long buildMs = (System.nanoTime() - start) / 1_000_000;
        orgIds = null;
        long after = usedAfterGc(memory);
        if (projection.userCount() != users || projection.orgCount() != orgs) {
            throw new IllegalStateException("projection holds " + projection.userCount() + " users, " + projection.orgCount() + " orgs");
        }
        long retained = after - before;
        System.out.printf("projection: %,d accounts in %,d organizations, built in %,d ms%n", projection.userCount(),
                projection.orgCount(), buildMs);
        System.out.printf("retained heap: %,d bytes = %.1f MiB (%.0f bytes per account)%n", retained, retained / 1048576.0,
                (double) retained / users);
        System.out.println("max heap: " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB, jvm: "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        // keep the projection reachable until after the measurement
        if (projection.userById("nope") != null) {
            System.out.println();
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
