package io.livecount.internal.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * How one pass cuts its sorted dirty keys into statements, and the statements into contiguous runs,
 * one run per parallel writer.
 *
 * <p>Each statement is a contiguous slice of the sorted order and each run a contiguous sequence of
 * statements, so two statements never share a row, every statement locks its rows in sorted order,
 * and the two statements that border each other in the sorted order (the only ones that can meet on
 * a gap lock) usually run at different times: the end of one run and the start of the next.
 *
 * <p>Keys of one group (a counter's buckets) stay in one statement, so that one transaction writes
 * them: a statement boundary moves forward to the next group boundary if one lies within {@code
 * maxRows} keys (a statement then holds up to twice {@code maxRows}); only a group of more than
 * {@code maxRows} keys is cut.
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
        return runs(sorted, maxRows, writers, (a, b) -> false);
    }

    /** Like {@link #runs(List, int, int)}, keeping the keys that {@code sameGroup} joins together. */
    static <K> List<List<List<K>>> runs(List<K> sorted, int maxRows, int writers, BiPredicate<K, K> sameGroup) {
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
                int from = cut(sorted, start(statement, keys, statements), maxRows, sameGroup);
                int to = cut(sorted, start(statement + 1, keys, statements), maxRows, sameGroup);
                if (from < to) {
                    slices.add(sorted.subList(from, to));
                }
            }
            if (!slices.isEmpty()) {
                runs.add(slices);
            }
        }
        return runs;
    }

    /** {@code planned}, moved forward to the next group boundary if one lies within {@code maxRows}. */
    private static <K> int cut(List<K> sorted, int planned, int maxRows, BiPredicate<K, K> sameGroup) {
        int limit = Math.min(sorted.size(), planned + maxRows);
        for (int at = planned; at < limit; at++) {
            if (at == 0 || !sameGroup.test(sorted.get(at - 1), sorted.get(at))) {
                return at;
            }
        }
        return limit == sorted.size() ? limit : planned;
    }

    private static int start(int statement, int keys, int statements) {
        return (int) ((long) statement * keys / statements);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
