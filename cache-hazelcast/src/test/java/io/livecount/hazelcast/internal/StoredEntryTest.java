package io.livecount.hazelcast.internal;

import static io.livecount.hazelcast.internal.StoredEntry.HANDOVER_KEPT_MILLIS;
import static io.livecount.hazelcast.internal.StoredEntry.REMEMBERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.ExtendedMapEntry;
import io.livecount.spi.CounterEntry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The ids a stored entry keeps")
class StoredEntryTest {

    private static final CounterEntry CLEAN = new CounterEntry(7, 0, 0, 0, 1);
    private static final CounterEntry DIRTY = new CounterEntry(7, 1, 0, 0, 1);
    private static final long OLD_OWNER = 1;
    private static final long NEW_OWNER = 2;

    @Nested
    @DisplayName("on one owner")
    class OneOwner {

        @Test
        @DisplayName("remember the last 16 changes")
        void lastSixteen() {
            StoredEntry stored = changes(OLD_OWNER, 1, REMEMBERED + 1, 0);
            assertThat(stored.applied(1)).isFalse();
            assertThat(stored.applied(2)).isTrue();
            assertThat(stored.applied(REMEMBERED + 1)).isTrue();
        }

        @Test
        @DisplayName("are gone with the entry when nothing was handed over")
        void removedWithoutHandover() {
            StoredEntry stored = changes(OLD_OWNER, 1, 3, 0);
            assertThat(StoredEntry.after(stored, null, 4, OLD_OWNER, 0)).isNull();
        }
    }

    @Nested
    @DisplayName("after another member takes the entry over")
    class Handover {

        private final StoredEntry before = changes(OLD_OWNER, 1, 3, 0);

        @Test
        @DisplayName("remember the old owner's changes however many changes follow")
        void keptAcrossChanges() {
            StoredEntry stored = after(before, 100, 100 + 5 * REMEMBERED, 1_000);
            assertThat(stored.applied(1)).isTrue();
            assertThat(stored.applied(3)).isTrue();
            assertThat(stored.applied(100)).isFalse(); // pushed out of the new owner's own 16
        }

        @Test
        @DisplayName("keep them in a tombstone when the entry is removed, read as no entry")
        void tombstone() {
            StoredEntry taken = StoredEntry.after(before, DIRTY, 10, NEW_OWNER, 1_000);
            StoredEntry removed = StoredEntry.after(taken, null, 11, NEW_OWNER, 2_000);
            assertThat(removed.isTombstone()).isTrue();
            assertThat(StoredEntry.entryOf(removed)).isNull();
            assertThat(removed.applied(1)).isTrue();
        }

        @Test
        @DisplayName("forget them five minutes after the handover")
        void expire() {
            StoredEntry taken = StoredEntry.after(before, DIRTY, 10, NEW_OWNER, 1_000);
            StoredEntry later = StoredEntry.after(taken, DIRTY, 11, NEW_OWNER, 1_000 + HANDOVER_KEPT_MILLIS);
            assertThat(later.applied(1)).isFalse();
            assertThat(StoredEntry.after(taken, null, 11, NEW_OWNER, 1_000 + HANDOVER_KEPT_MILLIS))
                    .isNull();
        }

        @Test
        @DisplayName(
                "the sweeper turns an expired clean entry into a tombstone, and removes it once the handover is over")
        void sweeper() {
            StoredEntry clean = StoredEntry.after(before, CLEAN, 10, NEW_OWNER, 1_000);
            TestEntry entry = new TestEntry(clean);
            new ExpireClean(1_000, 2_000).process(entry);
            assertThat(entry.value).isEqualTo(clean.tombstone());

            ExpireClean early = new ExpireClean(2_000, 1_000 + HANDOVER_KEPT_MILLIS - 1);
            assertThat(early.apply(entry)).isFalse();
            ExpireClean late = new ExpireClean(2_000, 1_000 + HANDOVER_KEPT_MILLIS);
            late.process(entry);
            assertThat(entry.value).isNull();
        }

        @Test
        @DisplayName("the sweeper leaves dirty entries alone")
        void dirtyStays() {
            TestEntry entry = new TestEntry(after(before, 10, 10, 1_000));
            new ExpireClean(5_000, 5_000).process(entry);
            assertThat(entry.value.entry()).isEqualTo(DIRTY);
        }
    }

    /** The entry after changes {@code first}..{@code last} (dirty) by {@code owner} at {@code now}. */
    private static StoredEntry changes(long owner, long first, long last, long now) {
        StoredEntry stored = null;
        for (long id = first; id <= last; id++) {
            stored = StoredEntry.after(stored, DIRTY, id, owner, now);
        }
        return stored;
    }

    private static StoredEntry after(StoredEntry previous, long first, long last, long now) {
        StoredEntry stored = previous;
        for (long id = first; id <= last; id++) {
            stored = StoredEntry.after(stored, DIRTY, id, NEW_OWNER, now);
        }
        return stored;
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
