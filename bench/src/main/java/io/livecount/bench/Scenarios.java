package io.livecount.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The known scenarios, in the order they run. */
final class Scenarios {

    @FunctionalInterface
    interface Factory {
        Scenario create(BenchDatabase database, DataSource dataSource) throws Exception;
    }

    private static final Map<String, Factory> ALL = new LinkedHashMap<>();

    static {
        ALL.put(JdbcUpdateScenario.NAME, (db, ds) -> new JdbcUpdateScenario(ds));
        ALL.put(JpaNaiveScenario.NAME, JpaNaiveScenario::new);
        ALL.put(JpaPessimisticScenario.NAME, JpaPessimisticScenario::new);
        ALL.put(StrictScenario.NAME, (db, ds) -> new StrictScenario(ds));
    }

    private Scenarios() {}

    static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    static Scenario create(String name, BenchDatabase database, DataSource dataSource) throws Exception {
        return ALL.get(name).create(database, dataSource);
    }
}
