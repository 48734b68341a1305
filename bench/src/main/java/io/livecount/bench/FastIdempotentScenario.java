package io.livecount.bench;

import io.livecount.AddOptions;
import io.livecount.WriteBackConfig;
import io.livecount.WriteBackConfig.BacklogPolicy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code fast-ehcache} with an idempotency key on every add: {@code counters.add(key, 1,
 * AddOptions.once(id))} with a fresh id each time, so the write-back records every id besides the
 * counters' rows. The stored total also checks the keys: it sends a sample of adds already made
 * again before the final flush (the most recent may still wait in the write-back) and once more
 * after it; the first must not show up in the total ({@code lost} would turn negative), the second
 * must not move it.
 *
 * <p>{@code maxBacklog} is {@value #MAX_HELD} instead of 1,000,000 (policy BLOCK, the default), and
 * {@code maxDirtyCounters} (which may not exceed it) {@value #PASS_AT_HELD} instead of 100,000:
 * every keyed add is held until written, so with the defaults a run's adds fill memory at call
 * speed and the write-back needs minutes afterwards to write them. With the lower bounds a pass
 * starts once {@value #PASS_AT_HELD} adds are held and adds wait once {@value #MAX_HELD} are, so
 * ops_per_s is the rate FAST with keys sustains. {@code fast-ehcache} reaches neither bound of its
 * own (at most 10,000 dirty buckets).
 */
final class FastIdempotentScenario extends WriteBackScenario {

    static final String NAME = "fast-idempotent";
    static final String NAMESPACE = "bench-fast-idem";
    static final int MAX_HELD = 50_000;
    static final int PASS_AT_HELD = 20_000;

    private final IdempotencyKeys ids = new IdempotencyKeys();

    FastIdempotentScenario(DataSource dataSource, int maxDelayMillis) {
        super(dataSource, NAMESPACE, Duration.ofMillis(maxDelayMillis));
        start();
    }

    @Override
    WriteBackConfig.Builder configure(WriteBackConfig.Builder writeBack) {
        return writeBack.maxDirtyCounters(PASS_AT_HELD).maxBacklog(MAX_HELD, BacklogPolicy.BLOCK);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset(List<String> names) throws SQLException {
        super.reset(names);
        ids.clearSample();
    }

    @Override
    public void increment(int keyIndex) {
        counters.add(keys[keyIndex], 1, AddOptions.once(ids.next(keyIndex)));
    }

    @Override
    public long storedTotal() throws SQLException {
        resendSample(); // recognised while the first add waits in the write-back, or by the write-back
        long total = super.storedTotal(); // flushes
        resendSample(); // every first add written: recognised by the write-back against the table
        counters.flush();
        IdempotencyKeys.checkUnchanged(NAME, total, storedSum());
        return total;
    }

    private void resendSample() {
        for (IdempotencyKeys.Used used : ids.sample()) {
            counters.add(keys[used.keyIndex()], 1, AddOptions.once(used.idempotencyKey()));
        }
    }
}
