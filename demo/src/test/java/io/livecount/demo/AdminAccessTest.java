package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RunningDemo;
import io.livecount.demo.web.SecurityHeaders;
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

@DisplayName("The admin page and API over HTTP: login, CSRF, escaping")
class AdminAccessTest {

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

    @Nested
    @DisplayName("Login")
    class Login {

        @Test
        @DisplayName("the admin page sends a browser without a session to /login")
        void adminPageNeedsLogin() {
            HttpResponse<String> response = client.get("admin");

            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }

        @ParameterizedTest(name = "GET /{0}")
        @ValueSource(strings = {"api/namespaces", "api/top", "api/counter?key=x", "api/writeback"})
        @DisplayName("the API answers 401 without credentials, 200 with the right ones")
        void apiNeedsLogin(String path) {
            assertThat(client.get(path).statusCode()).isEqualTo(401);
            assertThat(client.getAsAdmin(path).statusCode()).isEqualTo(200);
        }

        /** Once, not per path: each wrong password costs a token of the login throttle (10 a minute). */
        @Test
        @DisplayName("the API answers 401 with a wrong password or user")
        void wrongBasicCredentials() {
            assertThat(client.get("api/top", "Authorization", DemoClient.basic("admin", "wrong"))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(client.get("api/top", "Authorization", DemoClient.basic("root", RunningDemo.ADMIN_PASSWORD))
                            .statusCode())
                    .isEqualTo(401);
        }

        @Test
        @DisplayName("POST /api/flush without credentials is refused")
        void flushNeedsLogin() {
            assertThat(client.postForm("api/flush", "", null).statusCode()).isEqualTo(401);
        }

        @Test
        @DisplayName("a wrong password gets the form again, with 401 and no cookie")
        void wrongPassword() {
            HttpResponse<String> response = client.postForm("login", "username=admin&password=guess", null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("Wrong user name or password");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }

        @Test
        @DisplayName("a login sets an HttpOnly, SameSite=Strict session cookie that opens the admin page")
        void sessionCookie() {
            HttpResponse<String> response = client.postForm(
                    "login", "username=admin&password=" + DemoClient.encode(RunningDemo.ADMIN_PASSWORD), null);

            assertThat(response.statusCode()).isEqualTo(303);
            String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
            HttpResponse<String> page = client.get("admin", "Cookie", cookie.substring(0, cookie.indexOf(';')));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Top counters of", "Write-back", "Flush now");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        }

        @Test
        @DisplayName("HTTP Basic opens the API only, not the admin page")
        void basicIsForTheApi() {
            HttpResponse<String> page =
                    client.get("admin", "Authorization", DemoClient.basic("admin", RunningDemo.ADMIN_PASSWORD));

            assertThat(page.statusCode()).isEqualTo(303);
        }

        @Test
        @DisplayName("\"Flush now\" needs the page's CSRF token")
        void flushNeedsCsrfToken() {
            String cookie = client.login();
            String token =
                    DemoClient.csrfToken(client.get("admin", "Cookie", cookie).body());

            assertThat(client.postForm("admin/flush", "", cookie).statusCode()).isEqualTo(403);
            assertThat(client.postForm("admin/flush", "csrf=forged", cookie).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> flushed = client.postForm("admin/flush", "csrf=" + token + "&ns=clicks", cookie);
            assertThat(flushed.statusCode()).isEqualTo(303);
            assertThat(flushed.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).contains("flushed=1"));
        }

        @Test
        @DisplayName("logging out ends the session")
        void logout() {
            String cookie = client.login();

            assertThat(client.postForm("logout", "", cookie).statusCode()).isEqualTo(303);
            assertThat(client.get("admin", "Cookie", cookie).statusCode()).isEqualTo(303);
        }
    }

    @Nested
    @DisplayName("Escaping")
    class Escaping {

        static final String KEY = "https://example.com/?q=<script>alert('x')</script>&b=\"1\"";

        @Test
        @DisplayName("a key containing <script> is shown escaped on the admin page, under a CSP without inline scripts")
        void adminPage() {
            demo.server().counters().add(CounterKey.of(DemoSettings.CLICKS, KEY), 1000);
            String cookie = client.login();

            HttpResponse<String> page = client.get("admin?period=all&key=" + DemoClient.encode(KEY), "Cookie", cookie);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .doesNotContain("<script>")
                    .contains(
                            "https://example.com/?q=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;b=&quot;1&quot;");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .contains("default-src 'none'", "script-src 'self';")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }

        @Test
        @DisplayName("the JSON API encodes the same key as a JSON string, markup escaped")
        void api() {
            demo.server().counters().add(CounterKey.of(DemoSettings.CLICKS, KEY), 1000);

            String json = client.getAsAdmin("api/top?period=all&limit=100").body();

            assertThat(json)
                    .doesNotContain("<script>")
                    .contains("\"name\":\"https://example.com/?q=\\u003cscript\\u003ealert('x')\\u003c/script\\u003e"
                            + "\\u0026b=\\\"1\\\"\"");
        }
    }
}
