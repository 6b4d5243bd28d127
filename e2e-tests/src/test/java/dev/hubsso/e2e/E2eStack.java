package dev.hubsso.e2e;

import dev.hubsso.local.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The suite every end-to-end test class of this JVM shares: the four services as separate
 * processes (their packaged jars, two gateway replicas) on the test run's PostgreSQL and Kafka
 * broker, with the demo org's OpenID Provider. Started on first use, stopped when the JVM exits.
 */
final class E2eStack {

    private static Stack stack;

    private E2eStack() {
    }

    static synchronized Stack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("hub.root", "..")).toAbsolutePath().normalize();
            try {
                Path state = Files.createTempDirectory("hub-e2e-");
                stack = Stack.start(Stack.Options.ephemeral(root, state, line -> System.out.println("[e2e] " + line)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Stack s = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "e2e-stack-stop"));
        }
        return stack;
    }
}
