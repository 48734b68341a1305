package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.micrometer.LivecountMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Micrometer binding")
class MicrometerBindingTest {

    @Test
    @DisplayName("publishes the write-back and retention metrics of a service, tagged with its name")
    void binds() {
        try (CounterService counters = Livecount.create(LivecountConfig.builder()
                .jdbcUrl("jdbc:h2:mem:metrics", "sa", "")
                .build())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new LivecountMetrics(counters, "clicks").bindTo(registry);
            assertThat(registry.get("livecount.writeback.pending.counters")
                            .tag("service", "clicks")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("livecount.writeback.oldest.pending")
                            .timeGauge()
                            .value(TimeUnit.SECONDS))
                    .isZero();
            assertThat(registry.get("livecount.writeback.statements")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("livecount.writeback.since.success")
                            .timeGauge()
                            .value(TimeUnit.SECONDS))
                    .isNaN();
            assertThat(registry.get("livecount.retention.rows")
                            .tag("service", "clicks")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("livecount.retention.since.prune")
                            .timeGauge()
                            .value(TimeUnit.SECONDS))
                    .isNaN();
            assertThat(registry.get("livecount.retention.failures.consecutive")
                            .gauge()
                            .value())
                    .isZero();
        }
    }
}
