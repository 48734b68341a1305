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
     * The add lands in a cache and is written back later in coalesced batches. Not available in
     * this version: choosing it is a configuration error, never a silent fallback to STRICT.
     */
    FAST
}
