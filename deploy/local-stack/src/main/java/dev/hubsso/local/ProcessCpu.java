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
 * and its children together; children that exited count through the postmaster's children
 * time) and this JVM, the load generator. Two readings around a measurement give where its CPU went.
 */
final class ProcessCpu {

    private final Path pidsFile;
    private final Path postmasterPidFile;
    private final double ticksPerSecond;

    ProcessCpu(Path stateDir) {
        this.pidsFile = stateDir.resolve("pids");
        this.postmasterPidFile = stateDir.resolve("postgres").resolve("postmaster.pid");
        this.ticksPerSecond = clockTicks();
    }

    /** Seconds of CPU per part, in a stable order. Parts whose processes are gone read 0. */
    Map<String, Double> read() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(pidsFile)) {
                String[] f = line.trim().split("\\s+", 2);
                if (f.length == 2) {
                    cpu.merge(f[1], seconds(Long.parseLong(f[0]), false), Double::sum);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no pids file (a stack started otherwise): only PostgreSQL and the load generator
        }
        double postgres = Double.NaN;
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            postgres = seconds(postmaster, true);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit) && parent(p) == postmaster) {
                        postgres += seconds(Long.parseLong(name), false);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // an external PostgreSQL (HUB_PG_URL): not measured
        }
        cpu.put("postgresql", postgres);
        cpu.put("load generator", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9);
        return cpu;
    }

    /** {@code after - before} per part. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
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

    /** utime + stime of a process, plus the time of its waited-for children when asked. */
    private double seconds(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which may hold spaces: state is field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / ticksPerSecond;
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
