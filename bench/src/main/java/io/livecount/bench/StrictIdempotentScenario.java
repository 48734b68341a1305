package io.livecount.bench;

import io.livecount.AddOptions;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code strict} with an idempotency key on every add: {@code counters.add(key, 1,
 * AddOptions.once(id))} with a fresh id each time (a message consumer's adds, none a duplicate),
 * so each add also records its key in its transaction. The stored total also checks the keys: it
 * sends a sample of adds already made again, with their ids, and fails the run if that moved the
 * total.
 */
final class StrictIdempotentScenario extends StrictCounters {

    static final String NAME = "strict-idempotent";
    static final String NAMESPACE = "bench-idem";

    private final IdempotencyKeys ids = new IdempotencyKeys();

    StrictIdempotentScenario(DataSource dataSource) {
        super(dataSource, NAMESPACE);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** As {@code strict}: all-time rows at 0; the namespace's recorded keys are deleted with its rows. */
    @Override
    public void reset(List<String> names) throws SQLException {
        super.reset(names);
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
}
