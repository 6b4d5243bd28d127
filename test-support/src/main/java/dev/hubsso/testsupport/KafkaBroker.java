package dev.hubsso.testsupport;

import dev.hubsso.events.Topics;
import dev.hubsso.events.Topics.TopicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run
 * as a child JVM from the {@code kafka_2.13} jars. It can be stopped and started again on the
 * same port and data, which is how tests take the broker away from a running service.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats (first time only) and starts a broker.
     *
     * @param directory where its data, configuration and log live
     * @param port the client port, or 0 for any free one
     */
    public static KafkaBroker start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            Path portsFile = directory.resolve("ports");
            int clientPort;
            int ctlPort;
            if (Files.exists(portsFile)) {
                String[] ports = Files.readString(portsFile).trim().split(",");
                clientPort = port > 0 ? port : Integer.parseInt(ports[0]);
                ctlPort = Integer.parseInt(ports[1]);
            } else {
                int[] free = ChildJvm.freePorts(2);
                clientPort = port > 0 ? port : free[0];
                ctlPort = free[1] == clientPort ? free[0] : free[1];
                Files.writeString(portsFile, clientPort + "," + ctlPort);
            }
            KafkaBroker broker = new KafkaBroker(directory, clientPort, ctlPort);
            broker.writeConfig();
            if (!Files.exists(directory.resolve("data/meta.properties"))) {
                broker.format();
            }
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker in " + directory, e);
        }
    }

    /** The broker every test of this JVM shares, with every topic of the suite; stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("hub-kafka-");
                shared = start(dir, 0);
                shared.createTopics(Topics.ALL);
                KafkaBroker broker = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path directory() {
        return directory;
    }

    /** Creates the topics that do not exist yet, with their partitions and cleanup policy. */
    public void createTopics(Collection<TopicSpec> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(Map.of(
                            "cleanup.policy", spec.compacted() ? "compact" : "delete",
                            "min.insync.replicas", "1")));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics: " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics: " + e, e);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(p);
    }

    /** Stops the broker process (data kept). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        awaitPortClosed();
    }

    /** Starts the broker again on the same port and data. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Process id of the broker JVM, for scripts that stop it. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.backoff.ms=1000",
                "");
        Files.writeString(directory.resolve("server.properties"), config);
        Files.writeString(directory.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + directory.resolve("broker.log"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.file.ref = file",
                "logger.kafka.name = kafka.server.KafkaRaftServer",
                "logger.kafka.level = INFO",
                ""));
    }

    private void format() {
        String clusterId = base64Uuid();
        run(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", directory.resolve("server.properties").toString(), "--ignore-formatted"), Duration.ofSeconds(120));
    }

    private void startProcess() {
        List<String> cmd = javaCommand(List.of("-Xms128m", "-Xmx768m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "kafka.Kafka", directory.resolve("server.properties").toString()));
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the Kafka broker", e);
        }
        awaitReady(Duration.ofSeconds(120));
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see "
                        + directory.resolve("broker.out") + ": " + ChildJvm.tail(directory.resolve("broker.out")));
            }
            if (portOpen()) {
                try (Admin admin = admin()) {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
            }
            ChildJvm.sleep(200);
        }
        throw new IllegalStateException("Kafka broker not ready within " + timeout + ": " + last);
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitPortClosed() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (portOpen() && Instant.now().isBefore(deadline)) {
            ChildJvm.sleep(100);
        }
    }

    private void run(List<String> mainAndArgs, Duration timeout) {
        List<String> cmd = javaCommand(mainAndArgs);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + mainAndArgs + "\n" + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> javaCommand(List<String> args) {
        return ChildJvm.command(ChildJvm.recordedClasspath(KafkaBroker.class, "kafka-broker.classpath"), args);
    }

    /** A random cluster id; never one starting with '-', which the storage tool would read as an option. */
    static String base64Uuid() {
        while (true) {
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

}
