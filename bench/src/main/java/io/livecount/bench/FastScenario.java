package io.livecount.bench;

import io.livecount.WriteBackConfig;
import io.livecount.ehcache.EhcacheCounterCache;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Livecount FAST over {@link EhcacheCounterCache}: {@code counters.add(key, 1)} in memory, written
 * back by the service's write-back thread with the default settings ({@code maxDelay} 1 s unless
 * {@code --max-delay-ms} says otherwise, {@code maxDirtyCounters} 100,000). {@code
 * fast-ehcache-window} adds a 10 ms local window.
 */
final class FastScenario extends WriteBackScenario {

    static final String NAME = "fast-ehcache";
    static final String WINDOW_NAME = "fast-ehcache-window";
    static final String NAMESPACE = "bench-fast";
    static final Duration WINDOW = Duration.ofMillis(10);

    private final boolean window;

    FastScenario(DataSource dataSource, boolean window, int maxDelayMillis) {
        super(dataSource, NAMESPACE, Duration.ofMillis(maxDelayMillis));
        this.window = window;
        start();
    }

    @Override
    WriteBackConfig.Builder configure(WriteBackConfig.Builder writeBack) {
        return window ? writeBack.localWindow(WINDOW) : writeBack;
    }

    @Override
    public String name() {
        return window ? WINDOW_NAME : NAME;
    }
}
