package io.livecount.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.internal.store.CounterStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Bucketing} remembers each period's last bucket; these walks cross offset changes (Paris's
 * fall-back night, Lord Howe's half-hour shift, Kathmandu's 45-minute offset) forwards, backwards
 * and at random, and every answer must be the bucket computed from scratch.
 */
@DisplayName("Bucketing's remembered buckets")
class BucketingTest {

    private static final String[] ZONES = {"Europe/Paris", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"};

    private static final Instant FROM = Instant.parse("2026-10-24T00:00:00Z");

    private static final long SPAN_SECONDS = 40L * 86_400;

    @Test
    @DisplayName("give the bucket computed from scratch, walking forwards, backwards and at random")
    void sameAsComputed() {
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            Bucketing bucketing = new Bucketing(LivecountConfig.builder()
                    .jdbcUrl("jdbc:h2:mem:unused", "sa", "")
                    .zone(zone)
                    .build());
            SplittableRandom random = new SplittableRandom(id.hashCode());
            for (long s = 0; s < SPAN_SECONDS; s += 1 + random.nextInt(900)) {
                check(bucketing, zone, FROM.plusSeconds(s).plusNanos(random.nextInt(1_000_000_000)));
            }
            for (long s = SPAN_SECONDS; s > 0; s -= 1 + random.nextInt(900)) {
                check(bucketing, zone, FROM.plusSeconds(s).minusNanos(1 + random.nextInt(999_999_999)));
            }
            for (int i = 0; i < 20_000; i++) {
                check(
                        bucketing,
                        zone,
                        FROM.plusSeconds(random.nextLong(SPAN_SECONDS)).plusNanos(random.nextInt(2)));
            }
        }
    }

    private static void check(Bucketing bucketing, ZoneId zone, Instant at) {
        for (Period period : Period.values()) {
            assertThat(bucketing.bucket(period, at))
                    .as("%s at %s in %s", period, at, zone)
                    .isEqualTo(CounterStore.bucketColumn(period.bucketStart(at, zone)));
        }
    }
}
