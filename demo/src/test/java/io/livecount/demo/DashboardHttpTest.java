package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.AddOptions;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RunningDemo;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The dashboard's data over HTTP: live JSON, trends, paging, CSV, STRICT")
class DashboardHttpTest {

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

    @Test
    @DisplayName("/api/dashboard and the CSV exports need the login like the rest of the API")
    void needsLogin() {
        for (String path : List.of("api/dashboard", "api/export/top.csv", "api/export/series.csv?key=x")) {
            assertThat(client.get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(client.get(path, "Authorization", DemoClient.basic("admin", "wrong"))
                            .statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
    }

    @Test
    @DisplayName("each counter's value now is compared with its value in the previous bucket")
    void trend() {
        CounterKey key = key("https://example.com/trend");
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        demo.server().counters().add(key, 4, AddOptions.at(hour.minusSeconds(1)));
        demo.server().counters().add(key, 5, AddOptions.at(hour.plusSeconds(1)));

        String json = client.getAsAdmin("api/dashboard?period=hour&prefix=" + DemoClient.encode(key.name()) + "&key="
                        + DemoClient.encode(key.name()))
                .body();

        if (!Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).equals(hour)) {
            return; // the hour turned while the test ran: "now" is another bucket, nothing to check
        }
        String row = "\"value\":5,\"previous\":4,\"direction\":\"up\",\"trend\":\"▲ 25%\"";
        assertThat(json).contains("\"period\":\"hour\"", row + ",\"explanation\":\"5 so far, 4 in the bucket before\"");
        assertThat(json).contains("\"list\":{\"rows\":[{" + row);
        assertThat(json).contains("{\"value\":9,\"previous\":null,\"direction\":\"none\",\"trend\":\"\"");
    }

    @Test
    @DisplayName("the listing pages by name prefix, 20 at a time, with the next page's position")
    void paging() {
        for (int i = 0; i < 23; i++) {
            demo.server().counters().increment(key(String.format("https://example.com/page/%02d", i)));
        }
        demo.server().counters().increment(key("https://example.com/pagf"));
        String prefix = DemoClient.encode("https://example.com/page/");

        String first = client.getAsAdmin("api/dashboard?prefix=" + prefix).body();
        assertThat(first)
                .contains(
                        "https://example.com/page/00",
                        "https://example.com/page/19",
                        "\"next\":\"https://example.com/page/19\"");
        assertThat(first.split("\"name\":\"https://example.com/page/", -1)).hasSizeGreaterThanOrEqualTo(21);
        assertThat(first.substring(first.indexOf("\"list\""))).doesNotContain("page/20", "pagf");

        String second = client.getAsAdmin(
                        "api/dashboard?prefix=" + prefix + "&after=" + DemoClient.encode("https://example.com/page/19"))
                .body();
        String list = second.substring(second.indexOf("\"list\""));
        assertThat(list)
                .contains("page/20", "page/21", "page/22", "\"next\":\"\"")
                .doesNotContain("page/19", "pagf");
    }

    @Test
    @DisplayName("the top list as CSV: an attachment, names quoted where needed, a trend column")
    void topCsv() {
        CounterKey comma = key("https://example.com/?tags=a,b");
        demo.server().counters().add(comma, 1_000_000);

        HttpResponse<String> csv = client.getAsAdmin("api/export/top.csv?period=all");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .matches("attachment; filename=\"clicks-top-all-\\d{8}T\\d{6}Z\\.csv\""));
        assertThat(csv.body())
                .startsWith(
                        "rank,counter,value,previous_bucket,trend\r\n1,\"https://example.com/?tags=a,b\",1000000,,\r\n");
    }

    @Test
    @DisplayName("a series as CSV: the chart's buckets in UTC and in the viewer's zone")
    void seriesCsv() {
        CounterKey key = key("https://example.com/series");
        Instant now = Instant.now();
        demo.server().counters().add(key, 7, AddOptions.at(now.minus(Duration.ofHours(2))));

        HttpResponse<String> csv = client.getAsAdmin(
                "api/export/series.csv?period=hour&tz=Asia/Kolkata&key=" + DemoClient.encode(key.name()));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\"clicks-series-hour-"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("bucket_start_utc,bucket (Asia/Kolkata),value");
        assertThat(lines).hasSize(1 + 48);
        Instant twoHoursAgo = Period.HOUR.bucketStart(now.minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String local = twoHoursAgo
                .atZone(java.time.ZoneId.of("Asia/Kolkata"))
                .toLocalDateTime()
                .toString()
                .replace('T', ' ');
        assertThat(lines).contains(twoHoursAgo + "," + local + ",7");
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains(":30,"));
    }

    @Test
    @DisplayName("an unknown zone, period or namespace is a 400, not a 500")
    void badInput() {
        assertThat(client.getAsAdmin("api/export/series.csv?key=x&tz=Mars/Olympus")
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.getAsAdmin("api/dashboard?period=minute").statusCode())
                .isEqualTo(400);
        assertThat(client.getAsAdmin("api/dashboard?ns=nope").statusCode()).isEqualTo(400);
        assertThat(client.getAsAdmin("api/dashboard?prefix=" + "x".repeat(2000)).statusCode())
                .isEqualTo(400);
    }

    private static CounterKey key(String name) {
        return CounterKey.of(DemoSettings.CLICKS, name);
    }
}
