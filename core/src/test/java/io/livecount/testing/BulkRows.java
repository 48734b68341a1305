package io.livecount.testing;

/**
 * Many rows of {@code livecount_counter} written by SQL in a few statements, in the shape the service
 * writes them: counters named {@code c-000}, {@code c-001}…, and idempotency key rows (U+0001 and
 * the key, period {@code IDEM}). MariaDB and PostgreSQL only (their row generators).
 */
public final class BulkRows {

    private static final String INSERT =
            "INSERT INTO livecount_counter (ns, counter_name, period_type, bucket_start, counter_value) ";

    private BulkRows() {}

    /** The name of counter {@code index}. */
    public static String name(int index) {
        return "c-%03d".formatted(index);
    }

    /**
     * For each of {@code counters} counters, {@code count} rows of {@code period} with value 1 at
     * bucket starts {@code first}, {@code first + step}, … ({@code ALL}: count 1, first 0).
     */
    public static void buckets(
            TestDatabase database, String namespace, int counters, String period, long first, long step, int count) {
        for (int counter = 0; counter < counters; counter++) {
            database.execute(INSERT + "SELECT '" + namespace + "', '" + name(counter) + "', '" + period + "', " + first
                    + " + " + step + " * n, 1 FROM " + series(database, count));
        }
    }

    /** {@code keys} idempotency key rows in {@code namespace}, recorded at epoch second 1700000000. */
    public static void idempotencyKeys(TestDatabase database, String namespace, int keys) {
        String name = database == TestDatabase.POSTGRESQL ? "chr(1) || 'msg-' || n" : "CONCAT(CHAR(1), 'msg-', n)";
        database.execute(INSERT + "SELECT '" + namespace + "', " + name + ", 'IDEM', 0, 1700000000 FROM "
                + series(database, keys));
    }

    /** Brings the planner's statistics of the table up to date after a bulk insert. */
    public static void analyze(TestDatabase database) {
        database.execute(
                database == TestDatabase.POSTGRESQL ? "ANALYZE livecount_counter" : "ANALYZE TABLE livecount_counter");
    }

    /** Rows numbered n = 0 … count - 1. */
    private static String series(TestDatabase database, int count) {
        return switch (database) {
            case POSTGRESQL -> "generate_series(0, " + (count - 1) + ") AS t(n)";
            case MARIADB -> "(SELECT seq AS n FROM seq_0_to_" + (count - 1) + ") AS t";
            case H2 -> throw new IllegalArgumentException("BulkRows runs on MariaDB and PostgreSQL");
        };
    }
}
