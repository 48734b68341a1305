/**
 * The service provider interface of FAST mode: what a cache provider implements ({@link
 * io.livecount.spi.CounterCache}, made by its {@link io.livecount.spi.CounterCacheFactory}), and the two
 * failures it reports ({@link io.livecount.spi.CacheUnavailableException}, {@link
 * io.livecount.spi.CacheOutcomeUnknownException}). See {@code docs/writing-a-cache-provider.md}.
 */
package io.livecount.spi;
