package io.livecount.bench;

import com.hazelcast.core.HazelcastInstance;
import io.livecount.CounterService;
import io.livecount.WriteBackConfig;
import io.livecount.hazelcast.HazelcastCounterCache;
import io.livecount.spi.CounterCacheFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Livecount FAST over {@link HazelcastCounterCache} on 1 or 3 members in this JVM (see {@link
 * HazelcastMembers}), the threads calling through the first member; default write-back ({@code
 * maxDelay} 1 s unless {@code --max-delay-ms} says otherwise). The {@code -window} variants add the 10 ms local window. A new map per run.
 * Every other member runs a service of its own on the same map, as application nodes do: a node
 * writes back only the partitions its member owns, so without them most deltas would never be
 * written.
 */
final class FastHazelcastScenario extends WriteBackScenario {

    static final String NAME = "fast-hazelcast";
    static final String NAMESPACE = "bench-fast-hz";

    private final HazelcastMembers members;
    private final int memberCount;
    private final boolean window;
    private final List<CounterService> otherNodes = new ArrayList<>();
    private int runs;

    FastHazelcastScenario(DataSource dataSource, int memberCount, boolean window, int maxDelayMillis) {
        super(dataSource, NAMESPACE, Duration.ofMillis(maxDelayMillis));
        this.members = new HazelcastMembers(memberCount);
        this.memberCount = memberCount;
        this.window = window;
        start();
    }

    static String name(int memberCount, boolean window) {
        return NAME + (memberCount == 1 ? "" : "-" + memberCount) + (window ? "-window" : "");
    }

    @Override
    CounterCacheFactory cacheFactory() {
        return HazelcastCounterCache.builder()
                .instance(members.first())
                .mapName("bench-fast-" + (++runs))
                .factory();
    }

    @Override
    public void reset(List<String> names) throws SQLException {
        closeOtherNodes();
        super.reset(names); // the first node, on a new map
        for (HazelcastInstance member : members.others()) {
            otherNodes.add(createService(HazelcastCounterCache.builder()
                    .instance(member)
                    .mapName("bench-fast-" + runs)
                    .factory()));
        }
    }

    @Override
    void flushAll() {
        counters.flush(); // first: drains the local window into every member's partitions
        otherNodes.forEach(CounterService::flush);
        counters.flush();
    }

    private void closeOtherNodes() {
        otherNodes.forEach(CounterService::close);
        otherNodes.clear();
    }

    @Override
    WriteBackConfig.Builder configure(WriteBackConfig.Builder writeBack) {
        return window ? writeBack.localWindow(FastScenario.WINDOW) : writeBack;
    }

    @Override
    public String name() {
        return name(memberCount, window);
    }

    @Override
    public void close() {
        closeOtherNodes();
        super.close();
        members.close();
    }
}
