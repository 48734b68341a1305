package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.MapCounterCache;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(value = io.livecount.testing.TestDatabase.class, names = "H2")
@DisplayName("A FAST read racing a delete or a STRICT add")
class ReadRacingWritesTest extends DatabaseTest {

    /**
     * A read of a counter without an entry takes its database snapshot; a delete of the counter
     * commits and returns before the read stores what it read. The read may answer the old value
     * (it began before the delete), but must not keep it: a read made after delete() returned
     * answers 0.
     */
    @Test
    @DisplayName("a value read before a delete is not kept after it: the next read answers 0")
    void valueReadBeforeTheDeleteIsNotKept() {
        MapCounterCache cache = new MapCounterCache();
        CounterKey key = CounterKey.of(FAST, "deleted-while-read");
        try (CounterService counters = fastServiceOn(cache)) {
            storedWithoutEntry(counters, cache, key);
            cache.onThirdGet = () -> assertThat(counters.delete(key)).isTrue(); // after the read's snapshot

            assertThat(counters.get(key))
                    .as("concurrent with the delete: 5 or 0")
                    .isIn(0L, 5L);

            assertThat(counters.get(key)).as("read after delete() returned").isZero();
        }
    }

    /**
     * The same race with a STRICT add: it commits after the read's snapshot and returns before
     * the read stores what it read (the counter had no entry to mark stale). A read made after the
     * add returned must include it.
     */
    @Test
    @DisplayName("a value read before a STRICT add committed is not kept after it: the next read includes the add")
    void valueReadBeforeAStrictAddIsNotKept() {
        MapCounterCache cache = new MapCounterCache();
        CounterKey key = CounterKey.of(FAST, "strict-while-read");
        try (CounterService counters = fastServiceOn(cache)) {
            storedWithoutEntry(counters, cache, key);
            cache.onThirdGet = () -> counters.add(key, 1, AddOptions.in(ConsistencyMode.STRICT));

            assertThat(counters.get(key))
                    .as("concurrent with the STRICT add: 5 or 6")
                    .isIn(5L, 6L);

            assertThat(counters.get(key))
                    .as("read after the STRICT add returned")
                    .isEqualTo(6);
        }
    }

    /**
     * Adds 5 and writes it back: the counter holds 5 in the database and has no entry (never
     * loaded, it went with its write-back). The cache counts gets from 0 again: the third is the
     * second look of the next read, after its snapshot.
     */
    private static void storedWithoutEntry(CounterService counters, MapCounterCache cache, CounterKey key) {
        counters.add(key, 5);
        counters.flush();
        assertThat(cache.entries).isEmpty();
        cache.gets.set(0);
    }
}
