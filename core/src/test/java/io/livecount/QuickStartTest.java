package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The README's quick start")
class QuickStartTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("a service built from a JDBC URL creates its table, counts, and keeps counts across restarts")
    void fromJdbcUrl() throws Exception {
        String url = "jdbc:h2:" + directory.resolve("counters").toAbsolutePath();
        LivecountConfig config = LivecountConfig.builder()
                .jdbcUrl(url, "sa", "")
                .zone(ZoneId.of("Europe/Berlin"))
                .namespace("clicks", NamespaceSettings.of(Period.HOUR, Period.DAY))
                .build();
        CounterKey home = CounterKey.of("clicks", "https://example.com/");
        try (CounterService counters = Livecount.create(config)) {
            counters.increment(home);
            assertThat(counters.addAndGet(home, 2)).isEqualTo(3);
            assertThat(counters.get(home, Period.DAY, Instant.now())).isEqualTo(3);
            assertThat(counters.top("clicks", Period.HOUR, Instant.now(), 10))
                    .containsExactly(new CounterValue(home, 3));
        }
        assertThat(Files.list(directory).map(Path::getFileName).map(Path::toString))
                .anyMatch(name -> name.startsWith("counters"));
        try (CounterService restarted = Livecount.create(config)) {
            assertThat(restarted.get(home)).isEqualTo(3);
        }
    }
}
