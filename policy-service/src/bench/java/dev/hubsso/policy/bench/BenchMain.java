package dev.hubsso.policy.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link RulesBenchmark} and prints the median of the measurement iterations of each, and the ratio to the rules core. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (RulesBenchmark.N != 18) {
            throw new IllegalStateException("@OperationsPerInvocation must match the number of questions: " + RulesBenchmark.N);
        }
        Options options = new OptionsBuilder().include(RulesBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        double core = Double.NaN;
        List<String[]> rows = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    scores.add(i.getPrimaryResult().getScore());
                }
            }
            scores.sort(Double::compare);
            int n = scores.size();
            double median = n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
            if (name.equals("rulesCore")) {
                core = median;
            }
            rows.add(new String[] { name, String.format("%.1f", median), String.format("%.1f", scores.get(0)),
                    String.format("%.1f", scores.get(n - 1)), Integer.toString(n) });
        }
        System.out.println();
        System.out.println("| benchmark | median ns/decision | min | max | iterations | × rules core |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String[] row : rows) {
            double median = Double.parseDouble(row[1]);
            System.out.printf("| %s | %s | %s | %s | %s | %.1f× |%n", row[0], row[1], row[2], row[3], row[4], median / core);
        }
    }
}
