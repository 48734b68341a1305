package io.livecount.hazelcast.internal;

import static io.livecount.hazelcast.internal.StoredEntry.CALLER_KEPT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.ExtendedMapEntry;
import io.livecount.spi.CounterEntry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The callers a stored entry remembers")
class StoredEntryTest {

    private static final CounterEntry CLEAN = new CounterEntry(7, 0, 0, 0, 1);
    private static final CounterEntry DIRTY = new CounterEntry(7, 1, 0, 0, 1);
    private static final long CALLER = 1;
    private static final long OTHER = 2;

    @Test
    @DisplayName("recognise a caller's change however many changes of other callers follow")
    void manyOthers() {
        StoredEntry stored = StoredEntry.after(null, DIRTY, CALLER, 5, 0);
        for (long other = 100; other < 200; other++) {
            stored = StoredEntry.after(stored, DIRTY, other, 1, 10);
        }
        assertThat(stored.applied(CALLER, 5)).isTrue();
        assertThat(stored.applied(CALLER, 6)).isFalse();
        assertThat(stored.callers()).hasSize(3 * 101); // one triple per caller, whatever its number of changes
    }

    @Test
    @DisplayName("take a caller's earlier calls as applied, its next one as new")
    void sequences() {
        StoredEntry stored = StoredEntry.after(null, DIRTY, CALLER, 5, 0);
        stored = StoredEntry.after(stored, DIRTY, OTHER, 9, 0);
        stored = StoredEntry.after(stored, DIRTY, CALLER, 7, 0);
        assertThat(stored.applied(CALLER, 4)).isTrue();
        assertThat(stored.applied(CALLER, 7)).isTrue();
        assertThat(stored.applied(CALLER, 8)).isFalse();
        assertThat(stored.applied(OTHER, 9)).isTrue();
        assertThat(stored.applied(3, 1)).isFalse();
    }

    @Test
    @DisplayName("forget a caller five minutes after its last change")
    void forget() {
        StoredEntry stored = StoredEntry.after(null, DIRTY, CALLER, 5, 1_000);
        StoredEntry before = StoredEntry.after(stored, DIRTY, OTHER, 1, 1_000 + CALLER_KEPT_MILLIS - 1);
        StoredEntry after = StoredEntry.after(stored, DIRTY, OTHER, 1, 1_000 + CALLER_KEPT_MILLIS);
        assertThat(before.applied(CALLER, 5)).isTrue();
        assertThat(after.applied(CALLER, 5)).isFalse();
        assertThat(after.callers()).hasSize(3);
    }

    @Test
    @DisplayName("keep the callers in a tombstone when the entry is removed, read as no entry")
    void tombstone() {
        StoredEntry stored = StoredEntry.after(null, DIRTY, CALLER, 5, 1_000);
        StoredEntry removed = StoredEntry.after(stored, null, OTHER, 1, 2_000);
        assertThat(removed.isTombstone()).isTrue();
        assertThat(StoredEntry.entryOf(removed)).isNull();
        assertThat(removed.applied(CALLER, 5)).isTrue();
    }

    @Nested
    @DisplayName("the sweeper")
    class Sweeper {

        @Test
        @DisplayName("turns an expired clean entry into a tombstone, and removes it once no caller is remembered")
        void tombstoneThenRemoved() {
            StoredEntry clean = StoredEntry.after(null, CLEAN, CALLER, 5, 1_000);
            TestEntry entry = new TestEntry(clean);
            new ExpireClean(1_000, 2_000).process(entry);
            assertThat(entry.value).isEqualTo(clean.tombstone());

            ExpireClean early = new ExpireClean(2_000, 1_000 + CALLER_KEPT_MILLIS - 1);
            assertThat(early.apply(entry)).isFalse();
            ExpireClean late = new ExpireClean(2_000, 1_000 + CALLER_KEPT_MILLIS);
            late.process(entry);
            assertThat(entry.value).isNull();
        }

        @Test
        @DisplayName("removes an expired clean entry at once when no caller is remembered")
        void removedAtOnce() {
            TestEntry entry = new TestEntry(StoredEntry.after(null, CLEAN, CALLER, 5, 1_000));
            new ExpireClean(1_000, 1_000 + CALLER_KEPT_MILLIS).process(entry);
            assertThat(entry.value).isNull();
        }

        @Test
        @DisplayName("leaves dirty entries alone")
        void dirtyStays() {
            TestEntry entry = new TestEntry(StoredEntry.after(null, DIRTY, CALLER, 5, 1_000));
            new ExpireClean(5_000, 1_000 + CALLER_KEPT_MILLIS).process(entry);
            assertThat(entry.value.entry()).isEqualTo(DIRTY);
        }
    }

    /** A map entry as an entry processor sees it. */
    private static final class TestEntry implements ExtendedMapEntry<CounterBucket, StoredEntry> {
        StoredEntry value;

        TestEntry(StoredEntry value) {
            this.value = value;
        }

        @Override
        public CounterBucket getKey() {
            return null;
        }

        @Override
        public StoredEntry getValue() {
            return value;
        }

        @Override
        public StoredEntry setValue(StoredEntry next) {
            StoredEntry previous = value;
            value = next;
            return previous;
        }

        @Override
        public StoredEntry setValue(StoredEntry next, long ttl, TimeUnit unit) {
            return setValue(next);
        }

        @Override
        public StoredEntry setValueWithoutChangingExpiryTime(StoredEntry next) {
            return setValue(next);
        }
    }
}
