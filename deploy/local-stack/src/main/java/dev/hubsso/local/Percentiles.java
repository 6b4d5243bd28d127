package dev.hubsso.local;

import java.util.List;

/**
 * Latency summary of a sample (nearest-rank percentiles).
 *
 * @param count number of samples
 * @param p50 median, ms
 * @param p95 95th percentile, ms
 * @param p99 99th percentile, ms
 * @param max largest sample, ms
 */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static Percentiles of(List<Double> samplesMs) {
        if (samplesMs.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samplesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Percentiles(s.length, rank(s, 50), rank(s, 95), rank(s, 99), s[s.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", count, p50, p95, p99, max);
    }

    /** Row of a markdown table. */
    public String markdownRow(String name) {
        return String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |", name, count, p50, p95, p99, max);
    }
}
