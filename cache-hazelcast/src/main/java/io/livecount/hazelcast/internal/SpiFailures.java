package io.livecount.hazelcast.internal;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import io.livecount.spi.CacheOutcomeUnknownException;
import io.livecount.spi.CacheUnavailableException;

/**
 * The one place where Hazelcast's failures become the cache SPI's, used where the cache's calls
 * leave ({@link EntryCalls}, {@code HazelcastCounterCache.dirtyKeys}): inside, the retry logic
 * ({@link UncertainRetries}, {@link PauseGuard}) speaks Hazelcast's types.
 *
 * <ul>
 *   <li>{@link IndeterminateOperationStateException} (which the cache's own repeats end in when
 *       they cannot tell) becomes a {@link CacheOutcomeUnknownException};
 *   <li>any other Hazelcast failure (a refusal by split-brain protection or by a member just woken
 *       from a pause, a member or client shut down, a timeout of a read) becomes a {@link
 *       CacheUnavailableException}: a change that fails so without an uncertain attempt before it
 *       did not run;
 *   <li>anything else (what a change threw, {@code EntryChange.Rejected}) passes as it is.
 * </ul>
 */
public final class SpiFailures {

    private SpiFailures() {}

    /** What the cache throws for {@code failure}. */
    public static RuntimeException translated(RuntimeException failure) {
        if (failure instanceof IndeterminateOperationStateException unknown) {
            return new CacheOutcomeUnknownException("Hazelcast: " + unknown.getMessage(), unknown);
        }
        if (failure instanceof HazelcastException
                || failure instanceof HazelcastInstanceNotActiveException
                || failure instanceof HazelcastClientNotActiveException) {
            return new CacheUnavailableException("Hazelcast: " + failure.getMessage(), failure);
        }
        return failure;
    }
}
