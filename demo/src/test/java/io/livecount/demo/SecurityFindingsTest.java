package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RawHttp;
import io.livecount.demo.testing.RawHttp.Answer;
import io.livecount.demo.testing.RunningDemo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21's findings against the login, each sent byte for byte over a socket ({@link RawHttp}):
 * an HTTP client would normalise the paths and the Host header these tests are about. Login
 * throttling has its own demo ({@link LoginThrottleHttpTest}): it locks the admin out for a while.
 */
@DisplayName("Security findings of issue 21, over raw HTTP")
class SecurityFindingsTest {

    @TempDir
    static Path directory;

    static RunningDemo demo;
    static RawHttp raw;
    static DemoClient client;

    @BeforeAll
    static void start() {
        demo = RunningDemo.onH2File(directory);
        raw = new RawHttp(demo.server().uri());
        client = demo.client();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    static void noStackTrace(Answer answer) {
        assertThat(answer.body()).doesNotContain("\tat ", "at io.livecount", "at org.", "at java.");
    }

    @Nested
    @DisplayName("The API and the page decide by the matched resource, not by the spelling of the path")
    class PathSpellings {

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(
                strings = {
                    "/api;/top",
                    "/api;/top?period=all",
                    "/api;/counter?key=x",
                    "/api;/writeback",
                    "/api;/namespaces",
                    "/api;x=1/top",
                    "/api;x=1/namespaces;y=2"
                })
        @DisplayName("matrix parameters on the first segment: 401 without credentials")
        void matrixParameters(String target) {
            Answer answer = raw.send("GET", target);

            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("\"counters\"", "\"namespaces\":[", "\"pendingCounters\"");
        }

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(
                strings = {
                    "/API/top",
                    "/Api/namespaces",
                    "/api%2Ftop",
                    "/api%2fnamespaces",
                    "/x/../api/top",
                    "/x/%2e%2e/api/top",
                    "/%2e%2e/api/top",
                    "/api/./top",
                    "/api/%2E/namespaces",
                    "/api//top",
                    "/%61pi/top",
                    "/api/top;",
                    "/api/top/",
                    "//api/top"
                })
        @DisplayName("case, encoded slashes, dot segments and encoded letters: never the data without credentials")
        void otherSpellings(String target) {
            Answer answer = raw.send("GET", target);

            assertThat(answer.status()).as(target + " -> " + answer.body()).isIn(400, 401, 404);
            assertThat(answer.body()).doesNotContain("\"counters\"", "\"namespaces\":[", "\"pendingCounters\"");
        }

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(strings = {"/admin;", "/admin;x=1", "/admin;/", "/ADMIN", "/x/../admin", "/admin/;"})
        @DisplayName("the admin page by other spellings: to /login or 4xx, never 500, never a stack trace")
        void adminPage(String target) {
            Answer answer = raw.send("GET", target);

            assertThat(answer.status()).as(target + " -> " + answer.body()).isIn(303, 400, 401, 404);
            assertThat(answer.body()).doesNotContain("Top counters of");
            noStackTrace(answer);
        }
    }

    @Nested
    @DisplayName("HEAD, OPTIONS and WADL")
    class Methods {

        @Test
        @DisplayName("HEAD /r answers like GET (302 to the same Location) without counting; GET counts")
        void headDoesNotCount() {
            String target = "https://example.com/head-check";
            String request = "/r?u=" + DemoClient.encode(target);
            CounterKey key = CounterKey.of(DemoSettings.CLICKS, target);

            Answer head = raw.send("HEAD", request);

            assertThat(head.status()).isEqualTo(302);
            assertThat(head.header("Location")).hasValue(target);
            assertThat(demo.server().counters().get(key)).as("after HEAD").isZero();
            Answer get = raw.send("GET", request);
            assertThat(get.status()).isEqualTo(302);
            assertThat(get.header("Location")).hasValue(target);
            assertThat(demo.server().counters().get(key)).as("after GET").isEqualTo(1);
        }

        @Test
        @DisplayName("HEAD /r on a host that is not allowed answers 400, like GET")
        void headRefusedLikeGet() {
            assertThat(raw.send("HEAD", "/r?u=" + DemoClient.encode("https://evil.test/"))
                            .status())
                    .isEqualTo(400);
        }

        @ParameterizedTest(name = "OPTIONS {0}")
        @ValueSource(strings = {"/", "/api/top", "/api", "/admin", "/r", "/login", "*"})
        @DisplayName("OPTIONS lists no resources, without credentials")
        void options(String target) {
            Answer answer = raw.send("OPTIONS", target);

            assertThat(answer.status()).as(answer.headerText() + answer.body()).isIn(400, 404, 405);
            assertThat(answer.body()).doesNotContain("<application", "wadl", "resource", "api/");
        }

        @ParameterizedTest(name = "GET {0}")
        @ValueSource(strings = {"/application.wadl", "/application.wadl?detail=true", "/application.wadl/xsd0.xsd"})
        @DisplayName("no WADL")
        void wadl(String target) {
            Answer answer = raw.send("GET", target);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("<application", "wadl");
        }
    }

    @Nested
    @DisplayName("Redirects never use the Host header")
    class HostHeader {

        @Test
        @DisplayName("the admin page's redirect to /login")
        void toLogin() {
            Answer answer = raw.send("GET", "/admin", "Host: evil.com");

            assertThat(answer.status()).isEqualTo(303);
            assertThat(answer.header("Location")).hasValue("/login");
            assertThat(answer.headerText()).doesNotContain("evil.com");
        }

        @Test
        @DisplayName("a login's redirect to /admin, a logout's to /login")
        void loginAndLogout() {
            String form = "username=admin&password=" + DemoClient.encode(RunningDemo.ADMIN_PASSWORD);
            Answer login = raw.sendWithBody(
                    "POST", "/login", form, "Host: evil.com", "Content-Type: application/x-www-form-urlencoded");

            assertThat(login.status()).isEqualTo(303);
            assertThat(login.header("Location")).hasValue("/admin");
            String cookie = login.header("Set-Cookie").orElseThrow().split(";")[0];
            Answer logout = raw.sendWithBody(
                    "POST",
                    "/logout",
                    "",
                    "Host: evil.com",
                    "Cookie: " + cookie,
                    "Content-Type: application/x-www-form-urlencoded");
            assertThat(logout.status()).isEqualTo(303);
            assertThat(logout.header("Location")).hasValue("/login");
            assertThat(login.headerText() + logout.headerText()).doesNotContain("evil.com");
        }

        @Test
        @DisplayName("\"Flush now\"'s redirect back to the page")
        void flush() {
            String cookie = client.login();
            String token =
                    DemoClient.csrfToken(client.get("admin", "Cookie", cookie).body());

            Answer answer = raw.sendWithBody(
                    "POST",
                    "/admin/flush",
                    "csrf=" + token + "&ns=clicks",
                    "Host: evil.com",
                    "Cookie: " + cookie,
                    "Content-Type: application/x-www-form-urlencoded");

            assertThat(answer.status()).isEqualTo(303);
            assertThat(answer.header("Location"))
                    .hasValueSatisfying(l -> assertThat(l).startsWith("/admin?"));
            assertThat(answer.headerText()).doesNotContain("evil.com");
        }
    }
}
