package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.livecount.AddOptions;
import io.livecount.CounterKey;
import io.livecount.demo.testing.Chromium;
import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RunningDemo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@DisplayName("In a real browser (the system's Chromium, headless)")
class BrowserTest {

    /** Where the screenshot goes; docs/demo-admin.png is a copy of it. */
    static final Path SCREENSHOT = Path.of("target", "demo-admin.png");

    @TempDir
    Path directory;

    RunningDemo demo;
    HttpServer site;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(directory.resolve("chromium-profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        demo = RunningDemo.onH2File(directory);
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.stop(0);
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @DisplayName("an admin logs in, clicks a counted link twice, and sees the count and the chart go up")
    void clickAndWatch() throws Exception {
        String landing = "http://127.0.0.1:" + site.getAddress().getPort() + "/landing";
        String counted = demo.server().uri() + "r?u=" + DemoClient.encode(landing);
        serve("/landing", "<title>Landing page</title><h1 id=\"landed\">You made it.</h1>");
        serve("/links", "<title>Links</title><a id=\"counted\" href=\"" + counted + "\">a counted link</a>");
        String counterPage = demo.server().uri() + "admin?period=hour&key=" + DemoClient.encode(landing);

        browser.get(demo.server().uri() + "admin");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(RunningDemo.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("writeback")));

        browser.get(counterPage);
        assertThat(text("count-all")).isEqualTo("0");
        assertThat(currentHourBar().getAttribute("data-value")).isEqualTo("0");

        for (int clicks = 1; clicks <= 2; clicks++) {
            browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/links");
            browser.findElement(By.id("counted")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("landed")));
            assertThat(browser.getCurrentUrl()).isEqualTo(landing);

            browser.get(counterPage);
            assertThat(text("count-all")).isEqualTo(String.valueOf(clicks));
            assertThat(text("count-hour")).isEqualTo(String.valueOf(clicks));
            WebElement bar = currentHourBar();
            assertThat(bar.getAttribute("data-value")).isEqualTo(String.valueOf(clicks));
            assertThat(Double.parseDouble(bar.getAttribute("height"))).isPositive();
        }
        List<WebElement> top = browser.findElements(By.cssSelector("#top-table td.key"));
        assertThat(top).extracting(WebElement::getText).contains(landing);

        browser.findElement(By.id("flush")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flushed")));
        assertThat(text("pending-counters")).isEqualTo("0");
        assertThat(text("count-all")).isEqualTo("2");

        // Some history, so that the charts (and the screenshot in docs/) show more than one bar.
        CounterKey key = CounterKey.of(DemoSettings.CLICKS, landing);
        Instant now = Instant.now();
        for (int hoursAgo = 1; hoursAgo < 24; hoursAgo++) {
            demo.server().counters().add(key, history(hoursAgo), AddOptions.at(now.minus(Duration.ofHours(hoursAgo))));
        }
        for (int daysAgo = 2; daysAgo < 30; daysAgo++) {
            demo.server()
                    .counters()
                    .add(key, 10 * history(daysAgo), AddOptions.at(now.minus(Duration.ofDays(daysAgo))));
        }
        for (int page = 1; page <= 4; page++) {
            demo.server()
                    .counters()
                    .add(CounterKey.of(DemoSettings.CLICKS, "https://example.com/docs/" + page), 5 - page);
        }
        browser.get(counterPage);
        List<WebElement> hourly = browser.findElements(By.cssSelector("#chart-hourly rect.bar"));
        for (int hoursAgo = 1; hoursAgo < 24; hoursAgo++) {
            assertThat(hourly.get(23 - hoursAgo).getAttribute("data-value"))
                    .as("%d hours ago", hoursAgo)
                    .isEqualTo(String.valueOf(history(hoursAgo)));
        }

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    private static long history(int ago) {
        return 1 + (ago * 7L) % 13;
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The last bar of the hourly chart: the current hour. */
    private WebElement currentHourBar() {
        List<WebElement> bars = browser.findElements(By.cssSelector("#chart-hourly rect.bar"));
        assertThat(bars).hasSize(24);
        return bars.get(bars.size() - 1);
    }

    private void serve(String path, String body) {
        byte[] page = ("<!DOCTYPE html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        site.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
    }
}
