package dev.hubsso.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/local/up}: starts the suite, writes {@code endpoints.env}, and keeps running
 * until stopped ({@code deploy/local/down}, Ctrl-C or SIGTERM), then stops what it started.
 *
 * <p>Usage: {@code LocalStack <repository-root> <state-dir>}.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalStack <repository-root> <state-dir>");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path state = Path.of(args[1]).toAbsolutePath().normalize();
        Files.createDirectories(state);
        Path ready = state.resolve("ready");
        Files.deleteIfExists(ready);
        Files.writeString(state.resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));

        CountDownLatch stopped = new CountDownLatch(1);
        Stack[] holder = new Stack[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local stack...");
            if (holder[0] != null) {
                holder[0].close();
            }
            try {
                Files.deleteIfExists(ready);
                Files.deleteIfExists(state.resolve("launcher.pid"));
            } catch (IOException e) {
                // state dir gone; nothing to clean
            }
            stopped.countDown();
        }, "local-stack-stop"));

        System.out.println("starting the local stack (state in " + state + ")");
        Stack stack;
        try {
            stack = Stack.start(Stack.Options.local(root, state, System.out::println));
        } catch (RuntimeException e) {
            System.err.println("the local stack failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        holder[0] = stack;
        Path envFile = state.resolve("endpoints.env");
        stack.endpoints().write(envFile);
        Files.writeString(ready, "ready\n");

        System.out.println();
        System.out.println("The suite is up. Endpoints (also in " + envFile + "):");
        stack.endpoints().asEnv().forEach((k, v) -> System.out.printf("  %-24s %s%n", k, v));
        System.out.println();
        System.out.println("Try:  . " + envFile + " && curl -s -H \"Authorization: Bearer $SCIM_TOKEN\" \"$SCIM_BASE_URL/Users?filter=userName%20eq%20%22x%22\"");
        System.out.println("Stop: deploy/local/down (or Ctrl-C)");
        stopped.await();
    }
}
