package io.livecount.bench;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** The in-memory floor: one {@link LongAdder} per key, no database, nothing durable. */
final class LongAdderScenario implements Scenario {

    static final String NAME = "longadder";

    private LongAdder[] adders = new LongAdder[0];

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void reset(List<String> keys) {
        LongAdder[] fresh = new LongAdder[keys.size()];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new LongAdder();
        }
        this.adders = fresh;
    }

    @Override
    public void increment(int keyIndex) {
        adders[keyIndex].increment();
    }

    @Override
    public long storedTotal() {
        long total = 0;
        for (LongAdder adder : adders) {
            total += adder.sum();
        }
        return total;
    }
}
