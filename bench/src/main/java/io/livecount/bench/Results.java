package io.livecount.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints one line per run and appends the same row to a CSV file, which it starts afresh. Extra
 * measurements ({@code metric=...} lines) go to stdout and to {@code metrics.csv} beside it.
 */
final class Results implements AutoCloseable {

    static final String HEADER = "scenario,db,keys,threads,ops_per_s,lost";
    static final String METRICS_HEADER = "metric,context,value";

    private final PrintStream out;
    private final BufferedWriter csv;
    private final Path metricsFile;
    private BufferedWriter metricsCsv;

    Results(Path file, PrintStream out) throws IOException {
        this.out = out;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.csv = Files.newBufferedWriter(file); // truncates a previous invocation's results
        this.metricsFile = file.resolveSibling("metrics.csv");
        Files.deleteIfExists(metricsFile); // written only by invocations that measure metrics
        writeRow(csv, HEADER);
    }

    void record(String scenario, String db, int keys, int threads, long opsPerSecond, long lost) {
        out.printf(
                "scenario=%s db=%s keys=%d threads=%d ops_per_s=%d lost=%d%n",
                scenario, db, keys, threads, opsPerSecond, lost);
        out.flush();
        writeRow(
                csv,
                String.join(
                        ",",
                        scenario,
                        db,
                        String.valueOf(keys),
                        String.valueOf(threads),
                        String.valueOf(opsPerSecond),
                        String.valueOf(lost)));
    }

    /**
     * Prints {@code metric=<name> <context> value=<value>}; {@code context} is key=value pairs
     * separated by spaces (in the CSV: as they are, one quoted column).
     */
    void metric(String name, String context, double value) {
        String formatted = String.format(Locale.ROOT, "%.3f", value);
        out.println("metric=" + name + " " + context + " value=" + formatted);
        out.flush();
        try {
            if (metricsCsv == null) {
                metricsCsv = Files.newBufferedWriter(metricsFile);
                writeRow(metricsCsv, METRICS_HEADER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeRow(metricsCsv, name + ",\"" + context + "\"," + formatted);
    }

    private static void writeRow(BufferedWriter writer, String row) {
        try {
            writer.write(row);
            writer.newLine();
            writer.flush(); // keep finished runs even if a later one crashes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
        if (metricsCsv != null) {
            metricsCsv.close();
        }
    }
}
