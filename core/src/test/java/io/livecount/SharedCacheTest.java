package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.spi.DeleteParticipant;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.MapCounterCache;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(value = io.livecount.testing.TestDatabase.class, names = "H2")
@DisplayName("A cache that several nodes share")
class SharedCacheTest extends DatabaseTest {

    /**
     * A shared cache releases this node's hold and returns: the hold's thread and the deleting
     * thread then both drop what of the counter could not be written. Here the hold's thread
     * removes the ALL entry first and is slow to go on; the deleting thread finds it gone. When
     * delete() returns, the dropped deltas must no longer count as pending all the same.
     */
    @Test
    @DisplayName("when delete() returns, the unwritable deltas it dropped are no longer pending")
    void droppedOnceReturned() {
        SlowlyReleasingCache cache = new SlowlyReleasingCache();
        CounterKey key = CounterKey.of(FAST, "near-max");
        try (CounterService service = Livecount.create(baseConfig()
                .namespace(FAST, NamespaceSettings.of(Period.DAY).withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache)
                        .maxDelay(Duration.ofHours(1))
                        .build())
                .build())) {
            service.add(key, Long.MAX_VALUE - 3);
            service.flush();
            service.add(key, 2);
            service.add(key, 2);
            assertThatThrownBy(service::flush).isInstanceOf(CounterOverflowException.class);

            assertThat(service.delete(key)).isTrue();

            assertThat(cache.holdRemovedAll.getCount())
                    .as("the hold's thread removed the ALL entry")
                    .isZero();
            assertThat(service.writeBackMetrics().unwritableBuckets()).isZero();
            assertThat(service.writeBackMetrics().pendingTotal()).isZero();
        }
    }

    /**
     * Node B reads a counter that has no entry. Between B's two looks at the entry (after its
     * database snapshot), node A adds 1 and writes it back; the entry, never loaded, goes with the
     * write-back's completion. B cannot tell that from "no entry at all" by looking: only the
     * count of database writes, which A moves in the shared cache, tells it to forget its value.
     */
    @Test
    @DisplayName("does not cache a value read while another node's add came and went: B's next read sees it")
    void anotherNodesWriteBackDuringTheRead() {
        MapCounterCache shared = new MapCounterCache();
        CounterKey key = CounterKey.of(FAST, "clicked-on-a");
        try (CounterService a = fastServiceOn(shared);
                CounterService b = fastServiceOn(shared)) {
            AtomicBoolean raced = new AtomicBoolean();
            shared.gets.set(0);
            shared.onThirdGet = () -> { // B's second look, after its snapshot
                a.add(key, 1);
                a.flush();
                raced.set(shared.entries.isEmpty());
            };

            assertThat(b.get(key)).as("concurrent with A's add: 0 or 1").isBetween(0L, 1L);
            assertThat(raced).as("A's entry came and went during B's read").isTrue();

            assertThat(b.get(key))
                    .as("A's add was written before this read began")
                    .isEqualTo(1);
        }
    }

    /**
     * Deletes like a cache several nodes share, with this node as the only one: holds it, has it
     * write its share, deletes the rows, releases the hold, and returns once the hold's thread has
     * removed the counter's ALL entry, which it then takes its time to follow up.
     */
    private static final class SlowlyReleasingCache extends MapCounterCache {
        private final CountDownLatch holdRemovedAll = new CountDownLatch(1);
        private volatile DeleteParticipant thisNode;
        private volatile boolean released;

        SlowlyReleasingCache() {
            afterRemove = key -> {
                if (released && key.period() == Period.ALL) {
                    holdRemovedAll.countDown();
                    sleep(500);
                }
            };
        }

        @Override
        public boolean joinDeletes(DeleteParticipant participant) {
            thisNode = participant;
            return true;
        }

        @Override
        public <T> T deleteOnEveryNode(CounterKey counter, Supplier<T> deleteRows) {
            DeleteParticipant.Hold hold = thisNode.hold(counter, Duration.ofSeconds(30));
            T result;
            try {
                hold.writeShare();
                result = deleteRows.get();
            } finally {
                released = true;
                hold.release();
            }
            try {
                holdRemovedAll.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
