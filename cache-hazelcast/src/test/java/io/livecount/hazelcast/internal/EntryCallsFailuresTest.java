package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CacheOutcomeUnknownException;
import io.livecount.spi.CacheUnavailableException;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the cache's callers see of Hazelcast's failures: the SPI's two kinds, never Hazelcast's types. */
@DisplayName("Hazelcast failures at the cache's boundary")
class EntryCallsFailuresTest {

    private static final BucketKey KEY = new BucketKey(new CounterKey("ns", "k"), Period.ALL, 0);
    private static final EntryChange ADD = entry -> new CounterEntry(0, 1, 0, 0, 0);

    @Test
    @DisplayName("a refusal by split-brain protection is a CacheUnavailableException")
    void splitBrainRefusal() {
        SplitBrainProtectionException refused = new SplitBrainProtectionException("minority");

        assertThatThrownBy(() -> calls(refused).apply(KEY, ADD))
                .isInstanceOf(CacheUnavailableException.class)
                .hasCause(refused);
        assertThatThrownBy(() -> calls(refused).get(KEY))
                .isInstanceOf(CacheUnavailableException.class)
                .hasCause(refused);
    }

    @Test
    @DisplayName(
            "a refusal of a member just woken from a pause (from the entry processor) is a CacheUnavailableException")
    void pauseRefusal() {
        ApplyChange.Failure refused = new ApplyChange.Failure(new SplitBrainProtectionException("woken"));

        assertThatThrownBy(() -> calls(refused).apply(KEY, ADD)).isInstanceOf(CacheUnavailableException.class);
    }

    @Test
    @DisplayName("a member shut down is a CacheUnavailableException")
    void shutDown() {
        HazelcastInstanceNotActiveException down = new HazelcastInstanceNotActiveException();

        assertThatThrownBy(() -> calls(down).apply(KEY, ADD))
                .isInstanceOf(CacheUnavailableException.class)
                .hasCause(down);
    }

    @Test
    @DisplayName("a failure after an attempt of unknown outcome is a CacheOutcomeUnknownException")
    void unknownOutcome() {
        ArithmeticException overflow = new ArithmeticException("overflow");
        EntryCalls calls = calls(new OperationTimeoutException("no answer"), new ApplyChange.Failure(overflow));

        assertThatThrownBy(() -> calls.apply(KEY, ADD))
                .isInstanceOf(CacheOutcomeUnknownException.class)
                .hasMessageContaining("may or may not have been applied")
                .hasRootCause(overflow);
    }

    @Test
    @DisplayName("what the change itself threw passes as it is")
    void changeFailure() {
        ArithmeticException overflow = new ArithmeticException("overflow");

        assertThatThrownBy(() -> calls(new ApplyChange.Failure(overflow)).apply(KEY, ADD))
                .isSameAs(overflow);
    }

    @Test
    @DisplayName("an answer after an attempt of unknown outcome is the answer")
    void answered() {
        CounterEntry entry = new CounterEntry(0, 1, 0, 0, 0);

        assertThat(calls(new OperationTimeoutException("no answer"), entry).apply(KEY, ADD))
                .isEqualTo(entry);
    }

    /** Entry calls on a map whose executeOnKey and get throw or return each of {@code outcomes} in turn. */
    @SuppressWarnings("unchecked")
    private static EntryCalls calls(Object... outcomes) {
        Deque<Object> left = new ArrayDeque<>(List.of(outcomes));
        IMap<CounterBucket, StoredEntry> map = (IMap<CounterBucket, StoredEntry>) Proxy.newProxyInstance(
                IMap.class.getClassLoader(), new Class<?>[] {IMap.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("executeOnKey")
                            && !method.getName().equals("get")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Object next = left.removeFirst();
                    if (next instanceof RuntimeException failure) {
                        throw failure;
                    }
                    return next;
                });
        return new EntryCalls(map, new DirtyCount(() -> 0), null);
    }
}
