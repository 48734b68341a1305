package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.livecount.CounterKey;
import io.livecount.hazelcast.TestMembers;
import io.livecount.spi.CacheUnavailableException;
import io.livecount.spi.DeleteParticipant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A delete on every member")
class ClusterDeletesTest {

    private static final CounterKey COUNTER = new CounterKey("ns", "gone");

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private HazelcastInstance first;
    private HazelcastInstance second;
    private String map;

    @BeforeEach
    void twoMembers() {
        first = TestMembers.shared();
        second = TestMembers.start();
        map = "deletes-" + System.nanoTime();
    }

    @AfterEach
    void stop() {
        second.shutdown();
    }

    /** A participant that records what it is asked, as {@code name}. */
    private DeleteParticipant recording(String name, boolean failsToHold) {
        return (counter, lease) -> {
            if (failsToHold) {
                throw new IllegalStateException(name + " cannot hold");
            }
            steps.add(name + " holds " + counter.name());
            return new DeleteParticipant.Hold() {
                @Override
                public void writeShare() {
                    steps.add(name + " writes");
                }

                @Override
                public void release() {
                    steps.add(name + " releases");
                }
            };
        };
    }

    @Test
    @DisplayName("holds every member, then has each write its share, then deletes the rows, then releases all")
    void holdWriteDeleteRelease() {
        ClusterDeletes one = new ClusterDeletes(first, map, true);
        ClusterDeletes two = new ClusterDeletes(second, map, true);
        DeleteParticipant a = recording("a", false);
        DeleteParticipant b = recording("b", false);
        one.join(a);
        two.join(b);
        try {
            boolean deleted = two.deleteOnEveryNode(COUNTER, () -> {
                steps.add("rows deleted");
                return true;
            });
            assertThat(deleted).isTrue();
            assertThat(steps.subList(0, 2)).containsExactlyInAnyOrder("a holds gone", "b holds gone");
            assertThat(steps.subList(2, 4)).containsExactlyInAnyOrder("a writes", "b writes");
            assertThat(steps.get(4)).isEqualTo("rows deleted");
            assertThat(steps.subList(5, 7)).containsExactlyInAnyOrder("a releases", "b releases");
        } finally {
            one.leave(a);
            two.leave(b);
        }
    }

    @Test
    @DisplayName("a member that cannot hold fails the delete: no row deleted, the holds taken released")
    void memberFails() {
        ClusterDeletes one = new ClusterDeletes(first, map, true);
        ClusterDeletes two = new ClusterDeletes(second, map, true);
        DeleteParticipant a = recording("a", false);
        DeleteParticipant b = recording("b", true);
        one.join(a);
        two.join(b);
        try {
            assertThatThrownBy(() -> one.deleteOnEveryNode(COUNTER, () -> steps.add("rows deleted")))
                    .isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("b cannot hold");
            assertThat(steps).containsExactly("a holds gone", "a releases");
        } finally {
            one.leave(a);
            two.leave(b);
        }
    }

    @Test
    @DisplayName("a left participant is not held; another delete can follow at once (the lock was let go)")
    void leftParticipant() {
        ClusterDeletes one = new ClusterDeletes(first, map, true);
        ClusterDeletes two = new ClusterDeletes(second, map, true);
        DeleteParticipant a = recording("a", false);
        one.join(a);
        one.leave(a);
        assertThat(two.deleteOnEveryNode(COUNTER, () -> "done")).isEqualTo("done");
        assertThat(two.deleteOnEveryNode(COUNTER, () -> "again")).isEqualTo("again");
        assertThat(steps).isEmpty();
    }
}
