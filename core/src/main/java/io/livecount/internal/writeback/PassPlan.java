package io.livecount.internal.writeback;

import java.util.ArrayList;
import java.util.List;

/**
 * How one pass cuts its sorted dirty keys into statements, and the statements into contiguous runs,
 * one run per parallel writer.
 *
 * <p>Each statement is a contiguous slice of the sorted order and each run a contiguous sequence of
 * statements, so two statements never share a row, every statement locks its rows in sorted order,
 * and the two statements that border each other in the sorted order (the only ones that can meet on
 * a gap lock) usually run at different times: the end of one run and the start of the next.
 *
 * <p>Stateless; thread-safe.
 */
final class PassPlan {

    /** Statements are never cut below this size to make runs: at most one per 1,000 buckets. */
    static final int MIN_ROWS_PER_STATEMENT = 1_000;

    private PassPlan() {}

    /**
     * The runs of {@code sorted}: at most {@code writers} runs of statements of at most {@code
     * maxRows} keys each. As few statements as {@code maxRows} allows, raised to a multiple of
     * {@code writers} (so the runs are equally long) as long as no statement falls below {@link
     * #MIN_ROWS_PER_STATEMENT}; statement sizes differ by at most one key. The lists are views of
     * {@code sorted}.
     */
    static <K> List<List<List<K>>> runs(List<K> sorted, int maxRows, int writers) {
        int keys = sorted.size();
        if (keys == 0) {
            return List.of();
        }
        int fewest = ceilDiv(keys, maxRows);
        int balanced = ceilDiv(fewest, writers) * writers;
        int statements = Math.min(balanced, Math.max(fewest, keys / MIN_ROWS_PER_STATEMENT));
        int runCount = Math.min(writers, statements);
        List<List<List<K>>> runs = new ArrayList<>(runCount);
        for (int run = 0; run < runCount; run++) {
            int firstStatement = (int) ((long) run * statements / runCount);
            int endStatement = (int) ((long) (run + 1) * statements / runCount);
            List<List<K>> slices = new ArrayList<>(endStatement - firstStatement);
            for (int statement = firstStatement; statement < endStatement; statement++) {
                slices.add(sorted.subList(start(statement, keys, statements), start(statement + 1, keys, statements)));
            }
            runs.add(slices);
        }
        return runs;
    }

    private static int start(int statement, int keys, int statements) {
        return (int) ((long) statement * keys / statements);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
