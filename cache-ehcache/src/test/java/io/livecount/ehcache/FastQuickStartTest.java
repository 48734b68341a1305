package io.livecount.ehcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.AddOptions;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The README's FAST mode example")
class FastQuickStartTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("counts in memory, reads its own adds, and close() writes them for the next start")
    void fastMode() {
        LivecountConfig.Builder config = LivecountConfig.builder()
                .jdbcUrl("jdbc:h2:" + directory.resolve("counters").toAbsolutePath(), "sa", "")
                .namespace("impressions", NamespaceSettings.of(Period.HOUR).withMode(ConsistencyMode.FAST));
        CounterKey banner = CounterKey.of("impressions", "banner-7");
        try (CounterService counters =
                Livecount.create(config.writeBack(WriteBackConfig.builder(EhcacheCounterCache.builder()
                                        .heapEntries(200_000)
                                        .factory())
                                .maxDelay(Duration.ofSeconds(1))
                                .build())
                        .build())) {
            counters.increment(banner);
            assertThat(counters.get(banner)).isEqualTo(1);
            counters.add(banner, 1, AddOptions.in(ConsistencyMode.STRICT));
            assertThat(counters.get(banner)).isEqualTo(2);
        }
        try (CounterService restarted = Livecount.create(LivecountConfig.builder()
                .jdbcUrl("jdbc:h2:" + directory.resolve("counters").toAbsolutePath(), "sa", "")
                .build())) {
            assertThat(restarted.get(banner)).isEqualTo(2);
        }
    }
}
