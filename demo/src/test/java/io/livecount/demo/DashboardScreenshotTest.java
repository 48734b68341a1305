package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.AddOptions;
import io.livecount.CounterKey;
import io.livecount.demo.testing.Chromium;
import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RunningDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard with two days of made-up traffic, at desktop and at phone size (390 × 844 CSS
 * pixels, as an iPhone 12 to 15): nothing may be wider than the screen. Saves {@link #DESKTOP} and
 * {@link #PHONE}; docs/demo-admin.png and docs/demo-admin-phone.png are copies of them.
 */
@DisplayName("The dashboard at desktop and phone size (headless Chromium)")
class DashboardScreenshotTest {

    static final Path DESKTOP = Path.of("target", "demo-admin.png");
    static final Path PHONE = Path.of("target", "demo-admin-phone.png");

    static final List<String> PAGES = List.of(
            "https://example.com/",
            "https://example.com/docs/getting-started",
            "https://example.com/pricing",
            "https://example.org/blog/2026/12/counting-clicks-exactly-once",
            "https://example.com/download?os=linux&arch=x86_64",
            "https://example.com/docs/fast-mode#write-back",
            "https://example.org/careers");

    @TempDir
    Path directory;

    RunningDemo demo;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() {
        browser = Chromium.start(directory.resolve("chromium-profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        demo = RunningDemo.onH2File(directory);
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
    @DisplayName("desktop and phone: no horizontal scrolling, chart drawn, screenshots saved")
    void screenshots() throws Exception {
        seedTraffic();
        String page = demo.server().uri() + "admin?period=hour&tz=Europe/Berlin&key=" + DemoClient.encode(PAGES.get(1));
        logIn();

        emulate(1280, 900, 1, false);
        browser.get(page);
        wait.until(d -> "live".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector("#chart canvas"))).hasSize(1);
        assertNoHorizontalOverflow();
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
        emulate(1280, (int) height, 1, false);
        save(DESKTOP);

        emulate(390, 844, 2, true);
        browser.get(page);
        wait.until(d -> "live".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
        assertThat(browser.executeScript("return window.innerWidth")).isEqualTo(390L);
        assertNoHorizontalOverflow();
        assertThat(browser.findElement(By.cssSelector("#chart canvas"))
                        .getSize()
                        .getWidth())
                .isLessThanOrEqualTo(390);
        save(PHONE);
    }

    /** Every page's clicks over the last 48 hours, busier in the daytime, so the trends differ. */
    private void seedTraffic() {
        Instant now = Instant.now();
        for (int page = 0; page < PAGES.size(); page++) {
            CounterKey key = CounterKey.of(DemoSettings.CLICKS, PAGES.get(page));
            for (int hoursAgo = 0; hoursAgo < 48; hoursAgo++) {
                Instant at = now.minus(Duration.ofHours(hoursAgo));
                int hourOfDay = at.atZone(java.time.ZoneOffset.UTC).getHour();
                double daytime = 1 + Math.sin((hourOfDay - 8) * Math.PI / 12);
                long clicks = Math.round((40 - 5 * page) * daytime + (hoursAgo * 7 + page * 3) % 11);
                demo.server().counters().add(key, clicks, AddOptions.at(at));
            }
        }
    }

    private void logIn() {
        browser.get(demo.server().uri() + "admin");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(RunningDemo.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("writeback")));
    }

    private void emulate(int width, int height, int scale, boolean mobile) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
    }

    private void assertNoHorizontalOverflow() {
        Object widths = browser.executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        List<?> both = (List<?>) widths;
        assertThat((Long) both.get(0)).as("scrollWidth <= clientWidth").isLessThanOrEqualTo((Long) both.get(1));
    }

    private void save(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(file)).isPositive();
    }
}
