package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.internal.store.DataSourceConnections;
import io.livecount.internal.store.Row;
import io.livecount.internal.store.SchemaManager;
import io.livecount.internal.store.SqlDialect;
import io.livecount.internal.store.Transactor;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A read through the cache")
class SnapshotReadsTest {

    private static final TestDatabase DATABASE = TestDatabase.H2;
    private static final BucketKey BUCKET = new BucketKey(new CounterKey("ns", "k"), Period.ALL, 0);

    @Test
    @DisplayName("sees an add whose write-back commits after the snapshot and removes the entry before the second look")
    void writeBackThatRemovesTheEntryDuringTheRead() throws SQLException {
        SqlDialect dialect = freshSchema();
        WriteBackStore store = new WriteBackStore(dialect);
        // an add of 1 never written back and never loaded: a write-back removes it when it completes
        MapCounterCache cache = new MapCounterCache();
        cache.putIfAbsent(BUCKET, new CounterEntry(0, 1, 0, 0, 0));
        cache.onThirdGet = () -> { // the second look of the first attempt: after its snapshot
            try (Connection connection = DATABASE.dataSource().getConnection()) {
                store.writeWithMarker(connection, List.of(new Row(BUCKET, 1)), 42, 1_000);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            cache.entries.remove(BUCKET);
        };
        SnapshotReads reads = new SnapshotReads(
                new CacheAccess(cache),
                new Transactor(new DataSourceConnections(DATABASE.dataSource(), null), dialect, 3),
                store);

        assertThat(reads.totals(List.of(BUCKET), 1_000)).containsEntry(BUCKET, 1L);
        assertThat(cache.gets.get()).as("read twice").isGreaterThan(3);
    }

    @Test
    @DisplayName("does not cache a value read while an entry came and went: an add written back during the read"
            + " is seen by the next read")
    void entryThatCameAndWentDuringTheRead() throws SQLException {
        SqlDialect dialect = freshSchema();
        WriteBackStore store = new WriteBackStore(dialect);
        MapCounterCache cache = new MapCounterCache();
        CacheAccess access = new CacheAccess(cache);
        // no entry at the first look; before the second look an add of 1 is made, written back
        // (committed after the read's snapshot) and its entry, never loaded, removed by the write-back
        cache.onThirdGet = () -> {
            access.update(BUCKET, new Entries.Add(1));
            access.update(BUCKET, new Entries.BeginFlush(42));
            try (Connection connection = DATABASE.dataSource().getConnection()) {
                store.writeWithMarker(connection, List.of(new Row(BUCKET, 1)), 42, 1_000);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            access.countChanges(java.util.Set.of(BUCKET.key())); // as the write-back does before completing
            access.update(BUCKET, new Entries.CompleteFlush(42));
        };
        SnapshotReads reads = new SnapshotReads(
                access, new Transactor(new DataSourceConnections(DATABASE.dataSource(), null), dialect, 3), store);

        assertThat(reads.totals(List.of(BUCKET), 1_000))
                .as("the add is concurrent with this read: either value is right")
                .containsKey(BUCKET);
        assertThat(reads.totals(List.of(BUCKET), 1_000))
                .as("the add was written before this read began")
                .containsEntry(BUCKET, 1L);
    }

    /** An empty counter table on {@link #DATABASE}, and its dialect. */
    private static SqlDialect freshSchema() throws SQLException {
        Livecount.create(LivecountConfig.builder()
                        .dataSource(DATABASE.dataSource())
                        .build())
                .close();
        DATABASE.clear();
        return SchemaManager.prepare(
                new DataSourceConnections(DATABASE.dataSource(), null), LivecountConfig.SchemaAction.VALIDATE);
    }

    @Test
    @DisplayName("compares write-backs, not ids alone: an entry that vanished counts as changed")
    void sameWriteBack() {
        CounterEntry neverFlushed = new CounterEntry(0, 1, 0, 0, 0);
        assertThat(SnapshotReads.sameWriteBack(neverFlushed, null)).isFalse();
        assertThat(SnapshotReads.sameWriteBack(null, null)).isTrue();
        assertThat(SnapshotReads.sameWriteBack(null, neverFlushed)).isTrue();
        assertThat(SnapshotReads.sameWriteBack(null, new CounterEntry(0, 0, 1, 7, 0)))
                .isFalse();
        assertThat(SnapshotReads.sameWriteBack(new CounterEntry(0, 0, 1, 7, 0), new CounterEntry(0, 0, 0, 7, 0)))
                .isTrue();
        assertThat(SnapshotReads.sameWriteBack(new CounterEntry(0, 1, 0, 7, 0), new CounterEntry(0, 0, 1, 8, 0)))
                .isFalse();
    }
}
