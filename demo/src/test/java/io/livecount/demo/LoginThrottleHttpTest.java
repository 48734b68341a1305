package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RawHttp;
import io.livecount.demo.testing.RawHttp.Answer;
import io.livecount.demo.testing.RunningDemo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Failed logins over HTTP: the 11th within a minute is refused with 429 and Retry-After, whatever
 * the password. A demo per test, since each leaves the admin locked out for a while. How the buckets
 * refill is {@code LoginThrottleTest}'s part, on a clock it moves.
 */
@DisplayName("Failed logins are throttled")
class LoginThrottleHttpTest {

    static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    RunningDemo demo;
    RawHttp raw;

    @BeforeEach
    void start() {
        demo = RunningDemo.onH2Memory("throttle-" + System.nanoTime());
        raw = new RawHttp(demo.server().uri());
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    Answer login(String password) {
        return raw.sendWithBody("POST", "/login", "username=admin&password=" + DemoClient.encode(password), FORM);
    }

    @Test
    @DisplayName(
            "the 11th failed form login in a minute gets 429 with Retry-After, and so does the right password then")
    void formLogins() {
        for (int i = 1; i <= 10; i++) {
            assertThat(login("guess-" + i).status()).as("attempt %d", i).isEqualTo(401);
        }

        Answer eleventh = login("guess-11");
        Answer right = login(RunningDemo.ADMIN_PASSWORD);

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds))
                .isBetween(1, 60));
        assertThat(right.status()).as("no oracle while throttled").isEqualTo(429);
        assertThat(right.header("Set-Cookie")).isEmpty();
    }

    @Test
    @DisplayName("wrong HTTP Basic credentials on the API count as failed logins too")
    void basicLogins() {
        for (int i = 1; i <= 10; i++) {
            Answer answer =
                    raw.send("GET", "/api/namespaces", "Authorization: " + DemoClient.basic("admin", "guess-" + i));
            assertThat(answer.status()).as("attempt %d", i).isEqualTo(401);
        }

        Answer eleventh = raw.send("GET", "/api/namespaces", "Authorization: " + DemoClient.basic("admin", "x"));

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isPresent();
        assertThat(login("guess-12").status()).as("one budget for both ways in").isEqualTo(429);
    }

    @Test
    @DisplayName("successful logins cost nothing")
    void successesAreFree() {
        for (int i = 0; i < 15; i++) {
            assertThat(login(RunningDemo.ADMIN_PASSWORD).status()).isEqualTo(303);
        }
        assertThat(login("guess").status()).isEqualTo(401);
    }
}
