package io.livecount.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints one line per run and appends the same row to a CSV file, which it starts afresh. */
final class Results implements AutoCloseable {

    static final String HEADER = "scenario,db,keys,threads,ops_per_s,lost";

    private final PrintStream out;
    private final BufferedWriter csv;

    Results(Path file, PrintStream out) throws IOException {
        this.out = out;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.csv = Files.newBufferedWriter(file); // truncates a previous invocation's results
        writeRow(HEADER);
    }

    void record(String scenario, String db, int keys, int threads, long opsPerSecond, long lost) {
        out.printf(
                "scenario=%s db=%s keys=%d threads=%d ops_per_s=%d lost=%d%n",
                scenario, db, keys, threads, opsPerSecond, lost);
        out.flush();
        writeRow(String.join(
                ",",
                scenario,
                db,
                String.valueOf(keys),
                String.valueOf(threads),
                String.valueOf(opsPerSecond),
                String.valueOf(lost)));
    }

    private void writeRow(String row) {
        try {
            csv.write(row);
            csv.newLine();
            csv.flush(); // keep finished runs even if a later one crashes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
