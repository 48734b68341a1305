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
 * Issue 21's findings about input: malformed requests get 4xx, never 500, and invisible characters
 * in counter names are shown escaped. Sent byte for byte over a socket ({@link RawHttp}), as in
 * {@link SecurityFindingsTest}.
 */
@DisplayName("Malformed requests and invisible characters, over raw HTTP")
class MalformedInputTest {

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

    static String basic() {
        return "Authorization: " + DemoClient.basic("admin", RunningDemo.ADMIN_PASSWORD);
    }

    static void noStackTrace(Answer answer) {
        assertThat(answer.body()).doesNotContain("\tat ", "at io.livecount", "at org.", "at java.");
    }

    @Nested
    @DisplayName("Malformed requests get 4xx, never 500")
    class Malformed {

        @Test
        @DisplayName("POST /login without a Content-Type (with a body or none), or with another one: 415 or 400")
        void loginContentType() {
            String form = "username=admin&password=x";

            Answer none = raw.sendWithBody("POST", "/login", form);
            Answer text = raw.sendWithBody("POST", "/login", form, "Content-Type: text/plain");
            Answer json = raw.sendWithBody("POST", "/login", "{}", "Content-Type: application/json");
            Answer empty = raw.sendWithBody("POST", "/login", "");
            Answer nothing = raw.send("POST", "/login");

            for (Answer answer : new Answer[] {none, text, json, empty, nothing}) {
                assertThat(answer.status()).as(answer.body()).isIn(400, 415);
                noStackTrace(answer);
            }
        }

        @Test
        @DisplayName(
                "POST /admin/flush and /logout without a Content-Type: 415 or 400 (and the logout still ends nothing)")
        void otherFormsContentType() {
            String cookie = client.login();

            Answer flush = raw.sendWithBody("POST", "/admin/flush", "csrf=x", "Cookie: " + cookie);

            assertThat(flush.status()).as(flush.body()).isIn(400, 415);
            noStackTrace(flush);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "GET /r?u=%zz",
                    "GET /r?u=%",
                    "GET /r?u=%00",
                    "GET /r?u=%C0%80",
                    "GET /api/top?ns=%zz",
                    "GET /api/top?period=%E0%A4",
                    "GET /api/top?limit=abc",
                    "GET /api/top?limit=99999999999",
                    "GET /api/counter?key=%ff%fe",
                    "GET /api/counter",
                    "GET /static/..%2Fdemo.css",
                    "GET /static/%2e%2e/static/demo.css",
                    "GET /nothing-here",
                    "GET /api/nothing-here",
                    "POST /api/top",
                    "PUT /r?u=https://example.com/",
                    "DELETE /api/flush",
                    "PATCH /login"
                })
        @DisplayName("bad encodings, bad values, unknown paths and methods")
        void badRequests(String request) {
            String[] parts = request.split(" ");

            Answer answer = raw.send(parts[0], parts[1], basic());

            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            noStackTrace(answer);
        }

        @Test
        @DisplayName("a login form with bad percent-encodings: 4xx")
        void badFormEncoding() {
            for (String form : new String[] {"username=%zz&password=%", "username=%C0&password=%FF%FE", "%%%=&&="}) {
                Answer answer = raw.sendWithBody(
                        "POST", "/login", form, "Content-Type: application/x-www-form-urlencoded; charset=utf-8");

                assertThat(answer.status()).as(form + " -> " + answer.body()).isBetween(400, 499);
                noStackTrace(answer);
            }
        }
    }

    @Nested
    @DisplayName("Invisible characters in counter names are shown escaped")
    class InvisibleCharacters {

        /**
         * A name that a bidi override would show as "abc…exe.png", with a zero-width space, a BOM and
         * an isolate. (C0 and C1 controls never get this far: Livecount refuses them in names.)
         */
        static final String NAME = "https://example.com/abc\u202Egnp.exe?\u200B\uFEFF\u2066";

        static final String SHOWN = "https://example.com/abc\\u202Egnp.exe?\\u200B\\uFEFF\\u2066";

        @Test
        @DisplayName("on the admin page: in the top list and the counter's heading")
        void adminPage() {
            demo.server().counters().add(CounterKey.of(DemoSettings.CLICKS, NAME), 1_000_000);
            String cookie = client.login();

            String page = client.get("admin?period=all&key=" + DemoClient.encode(NAME), "Cookie", cookie)
                    .body();

            assertThat(page).contains(SHOWN);
            assertNoInvisible(page);
        }

        @Test
        @DisplayName("in the JSON API: the name losslessly JSON-escaped, and a display form with the escapes")
        void api() {
            demo.server().counters().add(CounterKey.of(DemoSettings.CLICKS, NAME), 1_000_000);

            String top = client.getAsAdmin("api/top?period=all&limit=1").body();
            String counter = client.getAsAdmin("api/counter?key=" + DemoClient.encode(NAME))
                    .body();

            assertNoInvisible(top);
            assertNoInvisible(counter);
            assertThat(top).contains("\"display\":\"" + SHOWN.replace("\\", "\\\\") + "\"");
            assertThat(counter).contains("\"display\":\"" + SHOWN.replace("\\", "\\\\") + "\"");
        }

        static void assertNoInvisible(String text) {
            for (char c : "\u202E\u200B\uFEFF\u2066".toCharArray()) {
                assertThat(text.indexOf(c)).as("U+%04X in the answer", (int) c).isEqualTo(-1);
            }
        }
    }
}
