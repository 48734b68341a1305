package io.livecount.bench;

import io.livecount.AddOptions;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code strict} with an idempotency key on every add: {@code counters.add(key, 1,
 * AddOptions.once(id))} with a fresh id each time (a message consumer's adds, none a duplicate),
 * so each add also records its key in its transaction. The stored total also checks the keys: it
 * sends a sample of adds already made again, with their ids, and fails the run if that moved the
 * total.
 */
final class StrictIdempotentScenario implements Scenario {

    static final String NAME = "strict-idempotent";
    static final String NAMESPACE = "bench-idem";

    private final DataSource dataSource;
    private final CounterService counters;
    private final IdempotencyKeys ids = new IdempotencyKeys();
    private List<CounterKey> keys = List.of();

    StrictIdempotentScenario(DataSource dataSource) {
        this.dataSource = dataSource;
        this.counters = Livecount.create(
                LivecountConfig.builder().dataSource(dataSource).build());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** As {@code strict}: all-time rows at 0; the namespace's recorded keys are deleted with its rows. */
    @Override
    public void reset(List<String> names) throws SQLException {
        StrictScenario.recreateRows(dataSource, NAMESPACE, names);
        this.keys = names.stream().map(name -> CounterKey.of(NAMESPACE, name)).toList();
        ids.clearSample();
    }

    @Override
    public void increment(int keyIndex) {
        counters.add(keys.get(keyIndex), 1, AddOptions.once(ids.next(keyIndex)));
    }

    /** The total, after checking that sending sampled adds again with their ids changes nothing. */
    @Override
    public long storedTotal() {
        long total = total();
        for (IdempotencyKeys.Used used : ids.sample()) {
            counters.add(keys.get(used.keyIndex()), 1, AddOptions.once(used.idempotencyKey()));
        }
        IdempotencyKeys.checkUnchanged(NAME, total, total());
        return total;
    }

    private long total() {
        return counters.get(keys, Period.ALL, Instant.EPOCH).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Override
    public void close() {
        counters.close();
    }
}
