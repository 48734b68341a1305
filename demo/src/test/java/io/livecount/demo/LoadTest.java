package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.testing.LoadGenerator;
import io.livecount.demo.testing.RunningDemo;
import io.livecount.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource
@DisplayName("Load: 20,000 clicks from 16 concurrent clients")
class LoadTest {

    static final int REQUESTS = 20_000;
    static final int CLIENTS = 16;
    static final int TARGETS = 100;

    @Parameter
    TestDatabase database;

    @TempDir
    Path directory;

    @Test
    @DisplayName("FAST (the default): after a flush, every period's stored total equals the 302 answers exactly")
    void fast() throws Exception {
        countsEveryRedirect(false, "--mode", "fast");
    }

    @Test
    @DisplayName("STRICT: every 302 is already stored when it is answered")
    void strict() throws Exception {
        countsEveryRedirect(true, "--mode", "strict");
    }

    private void countsEveryRedirect(boolean storedWhenAnswered, String... flags) throws Exception {
        try (RunningDemo demo = RunningDemo.on(database, directory, flags)) {
            LoadGenerator.Outcome outcome = LoadGenerator.run(demo.server().uri(), REQUESTS, CLIENTS, TARGETS);
            System.out.printf(
                    "demo load on %s %s: %d requests in %d ms, statuses %s%n",
                    database,
                    String.join(" ", flags),
                    REQUESTS,
                    outcome.elapsed().toMillis(),
                    outcome.statuses());

            long redirects = outcome.count(302);
            assertThat(redirects)
                    .as("302 answers (all others: %s)", outcome.statuses())
                    .isEqualTo(REQUESTS);
            if (storedWhenAnswered) {
                assertThat(demo.storedSum("ALL")).as("before any flush").isEqualTo(redirects);
            }
            assertThat(demo.client().flushAsAdmin().statusCode()).isEqualTo(200);
            assertThat(demo.storedSum("ALL")).isEqualTo(redirects);
            assertThat(demo.storedSum("DAY")).isEqualTo(redirects);
            assertThat(demo.storedSum("HOUR")).isEqualTo(redirects);
        }
    }
}
