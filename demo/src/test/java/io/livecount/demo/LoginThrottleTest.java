package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.access.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LoginThrottle: token buckets per client and overall, on a clock the test moves")
class LoginThrottleTest {

    /** A clock that stands still until the test moves it. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final ManualClock clock = new ManualClock();
    final LoginThrottle throttle = new LoginThrottle(clock);

    /** {@code n} failed checks by {@code client}; each must have been let through. */
    void fail(String client, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(throttle.acquire(client))
                    .as("%s attempt %d", client, i + 1)
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("a client gets 10 failures, then waits 6 s for each further one (10 a minute)")
    void perClient() {
        fail("10.0.0.1", LoginThrottle.PER_CLIENT);

        assertThat(throttle.acquire("10.0.0.1")).hasValue(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(5));
        assertThat(throttle.acquire("10.0.0.1")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.acquire("10.0.0.1")).isEmpty();
        assertThat(throttle.acquire("10.0.0.1")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        fail("10.0.0.1", LoginThrottle.PER_CLIENT);
    }

    @Test
    @DisplayName("one client's failures do not throttle another")
    void clientsAreSeparate() {
        fail("10.0.0.1", LoginThrottle.PER_CLIENT);

        assertThat(throttle.acquire("10.0.0.1")).isPresent();
        fail("10.0.0.2", LoginThrottle.PER_CLIENT);
    }

    @Test
    @DisplayName("overall, 100 failures a minute from any number of clients, then everyone waits")
    void overall() {
        for (int client = 0; client < LoginThrottle.OVERALL / LoginThrottle.PER_CLIENT; client++) {
            fail("10.0.1." + client, LoginThrottle.PER_CLIENT);
        }

        assertThat(throttle.acquire("10.0.2.1")).as("a new client").hasValue(Duration.ofMillis(600));
        clock.advance(Duration.ofMillis(600));
        assertThat(throttle.acquire("10.0.2.1")).isEmpty();
    }

    @Test
    @DisplayName("a right password gives its token back: successes never throttle")
    void successesAreFree() {
        for (int i = 0; i < 3 * LoginThrottle.PER_CLIENT; i++) {
            assertThat(throttle.acquire("10.0.0.1")).isEmpty();
            throttle.succeeded("10.0.0.1");
        }
        fail("10.0.0.1", LoginThrottle.PER_CLIENT);
    }

    @Test
    @DisplayName("clients the server cannot name share one bucket")
    void unknownClientsShare() {
        fail(null, 5);
        fail("", 5);

        assertThat(throttle.acquire(null)).isPresent();
    }
}
