package io.livecount;

/**
 * How an add reaches the database. Chosen per namespace ({@link NamespaceSettings}) and overridable
 * per call ({@link AddOptions#mode(ConsistencyMode)}).
 */
public enum ConsistencyMode {
    /**
     * The add is committed in a database transaction before the call returns: in the caller's
     * transaction when the call goes through {@link CounterService#joining}, otherwise in one that
     * Livecount owns. Nothing is lost or counted twice.
     */
    STRICT,
    /**
     * The add lands in a cache ({@link WriteBackConfig#cacheFactory()}) and is written back later in
     * coalesced batches, exactly once. Requires {@link LivecountConfig.Builder#writeBack}: without
     * it, choosing FAST is an {@link IllegalArgumentException}, never a silent fallback to STRICT.
     * The loss window is described by {@link WriteBackConfig}.
     */
    FAST
}
