package dev.hubsso.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by each part of a local stack, read from {@code /proc} (Linux): the
 * processes named in the state dir's {@code pids} file, the stack's PostgreSQL (the postmaster
 * and its children, each read on its own) and this JVM, the load generator. Two readings around a measurement give where its CPU went.
 */
final class ProcessCpu {

    private static final String POSTGRES = "postgresql#";

    private final Path pidsFile;
    private final Path postmasterPidFile;
    private final double ticksPerSecond;

    ProcessCpu(Path stateDir) {
        this.pidsFile = stateDir.resolve("pids");
        this.postmasterPidFile = stateDir.resolve("postgres").resolve("postmaster.pid");
        this.ticksPerSecond = clockTicks();
    }

    /**
     * Seconds of CPU per part, in a stable order; PostgreSQL per process (see {@link #delta}).
     * Parts whose processes are gone read 0.
     */
    Map<String, Double> read() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(pidsFile)) {
                String[] f = line.trim().split("\\s+", 2);
                if (f.length == 2) {
                    cpu.merge(f[1], seconds(Long.parseLong(f[0])), Double::sum);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no pids file (a stack started otherwise): only PostgreSQL and the load generator
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            cpu.put(POSTGRES + postmaster, seconds(postmaster));
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit) && parent(p) == postmaster) {
                        cpu.put(POSTGRES + name, seconds(Long.parseLong(name)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // an external PostgreSQL (HUB_PG_URL): not measured
        }
        cpu.put("load generator", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9);
        return cpu;
    }

    /**
     * {@code after - before} per part. PostgreSQL is read per process and summed here: a backend
     * that started in between counts from its start, one that ended in between is left out (the
     * service's pooled connections live through a run; the bench's own come and go between runs).
     */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        double postgres = 0;
        boolean measured = false;
        for (var e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (e.getKey().startsWith(POSTGRES)) {
                postgres += used;
                measured = true;
            } else {
                d.put(e.getKey(), used);
            }
        }
        double loadGenerator = d.remove("load generator");
        d.put("postgresql", measured ? postgres : Double.NaN);
        d.put("load generator", loadGenerator);
        return d;
    }

    private static long parent(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a process. */
    private double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which may hold spaces: state is field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
