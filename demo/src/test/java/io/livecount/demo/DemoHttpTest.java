package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RunningDemo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The demo over HTTP (default setup: FAST on Ehcache, H2 in a file)")
class DemoHttpTest {

    @TempDir
    static Path directory;

    static RunningDemo demo;
    static DemoClient client;

    @BeforeAll
    static void start() {
        demo = RunningDemo.onH2File(directory);
        client = demo.client();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    /** The all-time value of the counter of {@code normalizedUrl}, through the service. */
    static long count(String normalizedUrl) {
        return demo.server().counters().get(CounterKey.of(DemoSettings.CLICKS, normalizedUrl));
    }

    @Nested
    @DisplayName("GET /r")
    class Redirect {

        @Test
        @DisplayName("answers 302 to the URL and counts the click in the hour, day and all-time buckets")
        void redirectsAndCounts() {
            HttpResponse<String> response = client.click("https://example.com/pricing?plan=pro");

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValue("https://example.com/pricing?plan=pro");
            assertThat(count("https://example.com/pricing?plan=pro")).isEqualTo(1);
            String json = client.getAsAdmin(
                            "api/counter?key=" + DemoClient.encode("https://example.com/pricing?plan=pro"))
                    .body();
            assertThat(json).contains("\"allTime\":1", "\"today\":1", "\"thisHour\":1");
        }

        @Test
        @DisplayName("a flushed click is a row in the database")
        void storedAfterFlush() {
            client.click("https://example.com/stored");
            assertThat(client.flushAsAdmin().statusCode()).isEqualTo(200);

            assertThat(demo.storedSum("ALL")).isGreaterThanOrEqualTo(1);
            assertThat(client.getAsAdmin("api/writeback").body()).contains("\"pendingCounters\":0");
        }
    }

    @Nested
    @DisplayName("URL normalization")
    class Normalization {

        @Test
        @DisplayName("scheme and host case, the default port and an empty path make no new counter")
        void spellingsOfOneUrlShareACounter() {
            for (String spelling : new String[] {
                "http://Example.com", "http://example.com/", "HTTP://EXAMPLE.COM:80", "http://example.com#top"
            }) {
                HttpResponse<String> response = client.click(spelling);
                assertThat(response.statusCode()).as(spelling).isEqualTo(302);
                assertThat(response.headers().firstValue("Location"))
                        .as(spelling)
                        .hasValue("http://example.com/");
            }
            assertThat(count("http://example.com/")).isEqualTo(4);
        }

        @Test
        @DisplayName("path and query are kept byte for byte: case and escapes make other counters")
        void pathAndQueryKept() {
            client.click("https://example.com/Docs?A=1");
            client.click("https://example.com/docs?a=1");
            client.click("https://example.com:8443/a%2Fb");

            assertThat(count("https://example.com/Docs?A=1")).isEqualTo(1);
            assertThat(count("https://example.com/docs?a=1")).isEqualTo(1);
            assertThat(count("https://example.com:8443/a%2Fb")).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("The allow-list")
    class AllowList {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "https://evil.test/",
                    "https://example.com.evil.test/",
                    "https://notexample.com/",
                    "https://example.com@evil.test/",
                    "//evil.test/"
                })
        @DisplayName("refuses other hosts with 400 and counts nothing (no open redirect)")
        void refused(String target) {
            HttpResponse<String> response = client.click(target);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(client.getAsAdmin("api/top?period=all&limit=100").body()).doesNotContain("evil");
        }

        @Test
        @DisplayName("lets subdomains of a *.suffix entry through")
        void wildcard() {
            assertThat(client.click("https://docs.example.com/").statusCode()).isEqualTo(302);
            assertThat(count("https://docs.example.com/")).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("Malformed input")
    class Malformed {

        @ParameterizedTest(name = "u = \"{0}\"")
        @ValueSource(
                strings = {
                    "",
                    "example.com",
                    "javascript:alert(1)",
                    "ftp://example.com/",
                    "http://example.com/a b",
                    "http://example.com/<script>",
                    "http://exa mple.com/",
                    "http://example.com:99999/",
                    "https://example.com/\u00e4"
                })
        @DisplayName("gets 400 and counts nothing")
        void refused(String target) {
            HttpResponse<String> response = client.click(target);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("400 Bad Request: ");
        }

        @Test
        @DisplayName("a missing u gets 400")
        void missing() {
            assertThat(client.get("r").statusCode()).isEqualTo(400);
        }

        @Test
        @DisplayName("URLs over 2,000 characters, or over the counter name limit after normalization, get 400")
        void tooLong() {
            String overLength = "https://example.com/" + "a".repeat(2000);
            String overKeyLimit = "https://example.com/" + "b".repeat(CounterKey.MAX_NAME_BYTES);

            assertThat(client.click(overLength).statusCode()).isEqualTo(400);
            assertThat(client.click(overKeyLimit).statusCode()).isEqualTo(400);
            String justFits = "https://example.com/" + "c".repeat(CounterKey.MAX_NAME_BYTES - 20);
            assertThat(client.click(justFits).statusCode()).isEqualTo(302);
            assertThat(count(justFits)).isEqualTo(1);
        }
    }
}
