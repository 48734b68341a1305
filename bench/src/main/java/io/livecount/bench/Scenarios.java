package io.livecount.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The known scenarios, in the order they run. */
final class Scenarios {

    /** Makes a scenario; {@code database} and {@code dataSource} are null for one that uses no database. */
    @FunctionalInterface
    interface Factory {
        Scenario create(BenchDatabase database, DataSource dataSource, Options options) throws Exception;
    }

    private record Known(boolean usesDatabase, Factory factory) {}

    private static final Map<String, Known> ALL = new LinkedHashMap<>();

    static {
        database(JdbcUpdateScenario.NAME, (db, ds, options) -> new JdbcUpdateScenario(ds));
        database(JpaNaiveScenario.NAME, (db, ds, options) -> new JpaNaiveScenario(db, ds));
        database(JpaPessimisticScenario.NAME, (db, ds, options) -> new JpaPessimisticScenario(db, ds));
        database(StrictScenario.NAME, (db, ds, options) -> new StrictScenario(ds));
        database(StrictIdempotentScenario.NAME, (db, ds, options) -> new StrictIdempotentScenario(ds));
        database(StrictBatchScenario.NAME, (db, ds, options) -> new StrictBatchScenario(ds));
        inMemory(LongAdderScenario.NAME, (db, ds, options) -> new LongAdderScenario());
        inMemory(EhcacheCasScenario.NAME, (db, ds, options) -> new EhcacheCasScenario());
        database(FastScenario.NAME, (db, ds, options) -> new FastScenario(ds, false, options.maxDelayMillis()));
        database(FastScenario.WINDOW_NAME, (db, ds, options) -> new FastScenario(ds, true, options.maxDelayMillis()));
        database(
                FastIdempotentScenario.NAME,
                (db, ds, options) -> new FastIdempotentScenario(ds, options.maxDelayMillis()));
        inMemory(HzEntryProcessorScenario.NAME, (db, ds, options) -> new HzEntryProcessorScenario(1));
        inMemory(HzEntryProcessorScenario.THREE_NAME, (db, ds, options) -> new HzEntryProcessorScenario(3));
        for (int members : new int[] {1, 3}) {
            for (boolean window : new boolean[] {false, true}) {
                database(
                        FastHazelcastScenario.name(members, window),
                        (db, ds, options) -> new FastHazelcastScenario(ds, members, window, options.maxDelayMillis()));
            }
        }
        for (UpsertTable table : UpsertTable.values()) {
            database(
                    table.scenarioName(),
                    (db, ds, options) -> new JdbcBatchUpsertScenario(db, options.maxThreads(), table));
        }
        database(FlushScenario.NAME, (db, ds, options) -> new FlushScenario(ds, false));
        database(FlushScenario.SERIAL_NAME, (db, ds, options) -> new FlushScenario(ds, true));
        database(DemoHttpScenario.NAME, (db, ds, options) -> new DemoHttpScenario(ds, false));
        database(DemoHttpScenario.STRICT_NAME, (db, ds, options) -> new DemoHttpScenario(ds, true));
    }

    private Scenarios() {}

    private static void database(String name, Factory factory) {
        ALL.put(name, new Known(true, factory));
    }

    private static void inMemory(String name, Factory factory) {
        ALL.put(name, new Known(false, factory));
    }

    static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** False for the in-memory scenarios: they run once per invocation, as {@code db=none}. */
    static boolean usesDatabase(String name) {
        return ALL.get(name).usesDatabase();
    }

    static Scenario create(String name, BenchDatabase database, DataSource dataSource, Options options)
            throws Exception {
        return ALL.get(name).factory().create(database, dataSource, options);
    }
}
