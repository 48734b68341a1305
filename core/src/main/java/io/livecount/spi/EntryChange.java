package io.livecount.spi;

import java.io.Serializable;

/**
 * One change of a cache entry: a pure function from the current entry (null: none) to the next
 * one (null: remove it). Core writes every change this way; a provider that can run code where the
 * entry lives (a Hazelcast EntryProcessor) runs it there, atomically, instead of core's
 * compare-and-swap loop. Serializable for that reason.
 *
 * <p>Deterministic and free of side effects: it may run more than once, and on backup copies.
 */
@FunctionalInterface
public interface EntryChange extends Serializable {

    CounterEntry apply(CounterEntry current);

    /**
     * Thrown by a change that does not apply to the entry it finds (a compare-and-set whose entry
     * moved on): the entry stays as it is. A provider running changes remotely passes it back to
     * the caller of {@link EntryProcessingCache#apply} as it is, and need not log it: it is not an error.
     */
    final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Rejected() {
            super("the entry is not the one the change expected", null, false, false);
        }
    }
}
