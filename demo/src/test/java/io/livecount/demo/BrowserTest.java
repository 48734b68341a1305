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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as people use it, in headless Chromium. The screenshots in docs/ come from {@link
 * DashboardScreenshotTest}; this class checks behaviour.
 */
@DisplayName("The dashboard in a real browser (the system's Chromium, headless)")
class BrowserTest {

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
    @DisplayName("a click on a counted link lands; later clicks show up on the open dashboard without a reload")
    void watchCountsLive() {
        String landing = "http://127.0.0.1:" + site.getAddress().getPort() + "/landing";
        serve("/landing", "<title>Landing page</title><h1 id=\"landed\">You made it.</h1>");
        serve(
                "/links",
                "<title>Links</title><a id=\"counted\" href=\"" + demo.server().uri() + "r?u="
                        + DemoClient.encode(landing) + "\">a counted link</a>");
        logIn();

        browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/links");
        browser.findElement(By.id("counted")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("landed")));
        assertThat(browser.getCurrentUrl()).isEqualTo(landing);

        browser.get(demo.server().uri() + "admin?period=hour&key=" + DemoClient.encode(landing));
        assertThat(text("count-all")).isEqualTo("1");
        wait.until(d -> "live".equals(attribute("live", "data-state")));
        browser.executeScript("window.sameDocument = 'yes'");

        DemoClient clicks = demo.client();
        clicks.click(landing);
        clicks.click(landing);

        wait.until(d -> text("count-all").equals("3"));
        assertThat(text("count-hour")).isEqualTo("3");
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo("yes");
        wait.until(d -> "3".equals(attribute("chart", "data-last-value")));
        assertThat(browser.findElements(By.cssSelector("#chart canvas"))).hasSize(1);
        List<WebElement> top = browser.findElements(By.cssSelector("#top-table tbody tr"));
        assertThat(top.get(0).getText()).contains(landing, "3");
        assertThat(browser.findElement(By.cssSelector("#live time")).getAttribute("title"))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .+");
        assertThat(browser.findElement(By.cssSelector("#live time")).getText()).matches("just now|\\d+ s ago");
    }

    @Test
    @DisplayName("the period switches the chart's buckets; the zone, the browser's by default, relabels them in place")
    void switchPeriodAndZone() {
        CounterKey key = CounterKey.of(DemoSettings.CLICKS, "https://example.com/zones");
        Instant now = Instant.now();
        for (int hoursAgo = 0; hoursAgo < 48; hoursAgo++) {
            demo.server().counters().add(key, 1 + hoursAgo % 5, AddOptions.at(now.minus(Duration.ofHours(hoursAgo))));
        }
        logIn();
        browser.get(demo.server().uri() + "admin?key=" + DemoClient.encode(key.name()));
        assertThat(attribute("chart", "data-period")).isEqualTo("day");
        Object browserZone = browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertThat(new Select(browser.findElement(By.id("tz")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo(browserZone);

        new Select(browser.findElement(By.id("period"))).selectByValue("hour");
        wait.until(ExpectedConditions.urlContains("period=hour"));
        assertThat(attribute("chart", "data-period")).isEqualTo("hour");
        assertThat(seriesLabels()).hasSize(48);
        browser.executeScript("window.sameDocument = 'yes'");

        new Select(browser.findElement(By.id("tz"))).selectByValue("Asia/Kolkata");
        wait.until(d -> seriesLabels().stream().allMatch(label -> label.endsWith(":30")));
        assertThat(browser.getCurrentUrl()).contains("tz=Asia%2FKolkata");
        assertThat(attribute("export-series", "href")).contains("tz=Asia%2FKolkata");
        assertThat(browser.findElement(By.cssSelector("#live time")).getAttribute("title"))
                .endsWith(" Asia/Kolkata");

        new Select(browser.findElement(By.id("tz"))).selectByValue("America/New_York");
        wait.until(d -> seriesLabels().stream().allMatch(label -> label.endsWith(":00")));
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo("yes");

        browser.navigate().refresh(); // the chosen zone stays: it is in the URL now
        assertThat(new Select(browser.findElement(By.id("tz")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("America/New_York");
    }

    @Test
    @DisplayName("the counter listing searches by name prefix and pages 20 at a time, forward and back to the start")
    void pageAndSearch() {
        for (int i = 0; i < 45; i++) {
            demo.server()
                    .counters()
                    .add(CounterKey.of(DemoSettings.CLICKS, "https://example.com/p/%02d".formatted(i)), i + 1);
        }
        demo.server().counters().increment(CounterKey.of(DemoSettings.CLICKS, "https://example.org/other"));
        logIn();

        browser.findElement(By.id("prefix")).sendKeys("https://example.com/p/");
        browser.findElement(By.id("search-button")).click();
        wait.until(ExpectedConditions.urlContains("prefix="));
        assertThat(listed()).hasSize(20).first().isEqualTo("https://example.com/p/00");
        assertThat(listed()).last().isEqualTo("https://example.com/p/19");

        browser.findElement(By.id("next-page")).click();
        wait.until(ExpectedConditions.urlContains("after="));
        assertThat(listed()).hasSize(20).first().isEqualTo("https://example.com/p/20");
        browser.findElement(By.id("next-page")).click();
        wait.until(d -> listed().size() == 5);
        assertThat(listed())
                .containsExactly(
                        "https://example.com/p/40",
                        "https://example.com/p/41",
                        "https://example.com/p/42",
                        "https://example.com/p/43",
                        "https://example.com/p/44");
        assertThat(browser.findElements(By.id("next-page"))).isEmpty();

        browser.findElement(By.id("first-page")).click();
        wait.until(d -> listed().get(0).equals("https://example.com/p/00"));
        assertThat(browser.findElement(By.id("list-table")).getText()).doesNotContain("example.org");
    }

    @Test
    @DisplayName("the CSV links download the top list and the series as attachments with the page's data")
    void exportCsv() {
        CounterKey key = CounterKey.of(DemoSettings.CLICKS, "https://example.com/export");
        demo.server().counters().add(key, 12);
        logIn();
        browser.get(demo.server().uri() + "admin?period=hour&tz=UTC&key=" + DemoClient.encode(key.name()));

        List<?> top = fetch(attribute("export-top", "href"));
        assertThat((String) top.get(0)).startsWith("attachment; filename=\"clicks-top-hour-");
        assertThat((String) top.get(1))
                .startsWith("rank,counter,value,previous_bucket,trend\r\n1,https://example.com/export,12,0,▲ new\r\n");

        List<?> series = fetch(attribute("export-series", "href"));
        assertThat((String) series.get(0)).startsWith("attachment; filename=\"clicks-series-hour-");
        List<String> lines = ((String) series.get(1)).lines().toList();
        assertThat(lines.get(0)).isEqualTo("bucket_start_utc,bucket (UTC),value");
        assertThat(lines).hasSize(49).last().asString().endsWith(",12");
    }

    private void logIn() {
        browser.get(demo.server().uri() + "admin");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(RunningDemo.ADMIN_PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("writeback")));
    }

    /** {@code [Content-Disposition, body]} of a GET by the page itself (with its session cookie). */
    private List<?> fetch(String url) {
        return (List<?>) browser.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text().then(t => done([r.headers.get('Content-Disposition'), t])));",
                url);
    }

    private List<String> listed() {
        return texts("#list-table td.key");
    }

    private List<String> seriesLabels() {
        return texts("#series-table tbody td:first-child");
    }

    /** The text of each element matching {@code selector}, read in one go: the script replaces rows as it polls. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String selector) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)", selector);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getAttribute(name);
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
