package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.Period;
import io.livecount.demo.admin.Times;
import io.livecount.demo.testing.Chromium;
import io.livecount.demo.testing.RunningDemo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's script relabels times in the browser; it must say exactly what the server's {@link
 * Times} says (which {@code TimesTest} pins down), or a relabelled table would disagree with the CSV.
 */
@DisplayName("The dashboard script formats times like the server (headless Chromium)")
class ScriptFormatTest {

    static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-03-29T00:59:59Z"), // last second before Berlin springs forward
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2027-01-01T00:00:00Z"), // ISO week 53 of 2026
            Instant.parse("2026-10-25T01:30:07Z")); // Berlin's repeated hour

    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns");

    @TempDir
    Path directory;

    RunningDemo demo;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        browser = Chromium.start(directory.resolve("chromium-profile"));
        demo = RunningDemo.onH2Memory("script-format");
        browser.get(demo.server().uri() + "login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(RunningDemo.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("writeback")));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @DisplayName("bucket names of every period and absolute times, across daylight-saving changes and odd offsets")
    void bucketsAndAbsoluteTimes() {
        List<List<String>> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String zone : ZONES) {
            for (Instant instant : INSTANTS) {
                cases.add(List.of("absolute", instant.toString(), zone));
                expected.add("absolute " + Times.absolute(instant, ZoneId.of(zone)));
                for (Period period : Period.values()) {
                    cases.add(List.of(period.name().toLowerCase(Locale.ROOT), instant.toString(), zone));
                    expected.add(period.name().toLowerCase(Locale.ROOT) + " "
                            + Times.bucket(period, instant, ZoneId.of(zone)));
                }
            }
        }
        // one round trip for all cases: each is [period or "absolute", instant, zone]
        Object actual = browser.executeScript(
                "return arguments[0].map(c => c[0] + ' ' + (c[0] === 'absolute'"
                        + " ? LivecountFormat.absolute(new Date(c[1]), c[2])"
                        + " : LivecountFormat.bucketLabel(c[0], new Date(c[1]), c[2])))",
                cases);
        assertThat(actual).asList().containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("relative times: the same words and rounding")
    void relativeTimes() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        List<String> thens = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (long secondsAgo : new long[] {0, 3, 59, 60, 3599, 7300, 3 * 86_400 + 5, -5}) {
            thens.add(now.minusSeconds(secondsAgo).toString());
            expected.add(Times.relative(now.minusSeconds(secondsAgo), now));
        }
        Object actual = browser.executeScript(
                "return arguments[0].map(t => LivecountFormat.relative(new Date(t), new Date(arguments[1])))",
                thens,
                now.toString());
        assertThat(actual).asList().containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("names: direction overrides, zero-width and control characters are shown as \\uXXXX, the rest as is")
    void invisibleCharactersShown() {
        Object shown = browser.executeScript(
                "return arguments[0].map(LivecountFormat.visible)",
                List.of("https://example.com/abc\u202Egnp.exe", "a\u200Bb\u2066c\u0007", "https://example.com/ü/日本"));
        assertThat(shown)
                .asList()
                .containsExactly(
                        "https://example.com/abc\\u202Egnp.exe",
                        "a\\u200Bb\\u2066c\\u0007",
                        "https://example.com/ü/日本");
    }
}
