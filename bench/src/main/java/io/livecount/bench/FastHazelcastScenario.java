package io.livecount.bench;

import io.livecount.WriteBackConfig;
import io.livecount.hazelcast.HazelcastCounterCache;
import io.livecount.spi.CounterCache;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Livecount FAST over {@link HazelcastCounterCache} on 1 or 3 members in this JVM (see {@link
 * HazelcastMembers}), the threads calling through the first member; default write-back ({@code
 * maxDelay} 1 s). The {@code -window} variants add the 10 ms local window. A new map per run.
 */
final class FastHazelcastScenario extends WriteBackScenario {

    static final String NAME = "fast-hazelcast";
    static final String NAMESPACE = "bench-fast-hz";

    private final HazelcastMembers members;
    private final int memberCount;
    private final boolean window;
    private int runs;

    FastHazelcastScenario(DataSource dataSource, int memberCount, boolean window) {
        super(dataSource, NAMESPACE);
        this.members = new HazelcastMembers(memberCount);
        this.memberCount = memberCount;
        this.window = window;
        start();
    }

    static String name(int memberCount, boolean window) {
        return NAME + (memberCount == 1 ? "" : "-" + memberCount) + (window ? "-window" : "");
    }

    @Override
    CounterCache newCache() {
        return HazelcastCounterCache.builder()
                .instance(members.first())
                .mapName("bench-fast-" + (++runs))
                .build();
    }

    @Override
    WriteBackConfig.Builder configure(WriteBackConfig.Builder writeBack) {
        writeBack.maxDelay(Duration.ofSeconds(1));
        return window ? writeBack.localWindow(FastScenario.WINDOW) : writeBack;
    }

    @Override
    public String name() {
        return name(memberCount, window);
    }

    @Override
    public void close() {
        super.close();
        members.close();
    }
}
