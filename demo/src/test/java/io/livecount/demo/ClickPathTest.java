package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.demo.clicks.Clicks;
import io.livecount.demo.testing.RawHttp;
import io.livecount.demo.testing.RawHttp.Answer;
import io.livecount.demo.testing.RunningDemo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded server answers clicks in Jetty ({@link ClickPath}) instead of through JAX-RS: it
 * must take exactly {@code GET}/{@code HEAD /r} and answer them as {@code RedirectResource} does.
 */
@DisplayName("The click path in Jetty")
class ClickPathTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("takes only GET and HEAD of /r without a body")
    class Routing {

        /** What reached the click path's {@link Clicks}: the URL parameter of each click. */
        final List<String> clicked = new CopyOnWriteArrayList<>();

        Server server;
        RawHttp raw;

        @BeforeAll
        void start() throws Exception {
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            ClickPath clickPath = new ClickPath(
                    new Clicks() {
                        @Override
                        public Answer click(String url, boolean count) {
                            clicked.add(url + (count ? "" : " (not counted)"));
                            return new Answer("https://example.com/", null);
                        }
                    },
                    false);
            clickPath.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    Response.writeError(request, response, callback, 299); // "the application's"
                    return true;
                }
            });
            server.setHandler(clickPath);
            server.start();
            raw = new RawHttp(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
        }

        @AfterAll
        void stop() throws Exception {
            server.stop();
        }

        @Test
        @DisplayName("GET /r counts, HEAD /r does not, and both are answered here")
        void clicks() {
            clicked.clear();
            assertThat(raw.send("GET", "/r?u=a").status()).isEqualTo(302);
            assertThat(raw.send("HEAD", "/r?u=b").status()).isEqualTo(302);
            assertThat(raw.send("GET", "/r").status()).isEqualTo(302);

            assertThat(clicked).containsExactly("a", "b (not counted)", "null");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "POST /r?u=a",
                    "PUT /r?u=a",
                    "OPTIONS /r",
                    "GET /r;x?u=a",
                    "GET /R?u=a",
                    "GET /r/?u=a",
                    "GET /./r?u=a",
                    "GET /%72?u=a",
                    "GET /rr?u=a",
                    "GET /?u=a"
                })
        @DisplayName("every other method and spelling goes to the application")
        void others(String request) {
            clicked.clear();
            String[] parts = request.split(" ");

            assertThat(raw.send(parts[0], parts[1]).status()).isEqualTo(299);
            assertThat(clicked).isEmpty();
        }

        @Test
        @DisplayName("a request with a body goes to the application, which reads and limits bodies")
        void withBody() {
            clicked.clear();

            assertThat(raw.sendWithBody("GET", "/r?u=a", "x", "Content-Type: text/plain")
                            .status())
                    .isEqualTo(299);
            assertThat(clicked).isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("answers as the JAX-RS resource does")
    class SameAnswers {

        RunningDemo demo;
        RawHttp raw;

        @BeforeAll
        void start() {
            demo = RunningDemo.onH2Memory("click-path");
            raw = new RawHttp(demo.server().uri());
        }

        @AfterAll
        void stop() {
            demo.close();
        }

        /**
         * Queries of every kind of answer: redirects (normalized, escaped, {@code +}, repeated and
         * encoded parameter names), refusals (missing, malformed, other hosts, schemes, user info,
         * too long) and a query that is not percent-encoded UTF-8. (A query with a bad escape such as
         * {@code %zz} does not reach the resource on Jetty, which answers it with its own 400.)
         */
        static final List<String> QUERIES = List.of(
                "u=https://example.com/a",
                "u=https%3A%2F%2FEXAMPLE.com%3A443%2Fb%3Fx%3D1",
                "u=http://example.org/%2Fc#frag",
                "x=1&u=https://a.example.com/d&u=https://example.com/ignored",
                "%75=https://example.com/e",
                "u=https://example.com/f+g",
                "u=https://example.com/f%2Bg",
                "u",
                "u=",
                "",
                "u=https://evil.test/",
                "u=javascript:alert(1)",
                "u=https://example.com@evil.test/",
                "u=https://example.com/%C3%28",
                "u=https://example.com/" + "a".repeat(2_100));

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"GET", "HEAD"})
        @DisplayName("status, Location, body and headers, for redirects and for refusals")
        void sameAnswers(String method) {
            List<String> differences = new ArrayList<>();
            for (String query : QUERIES) {
                Answer direct = raw.send(method, "/r?" + query);
                Answer jaxRs = raw.send(method, "/r;via-jax-rs?" + query);
                if (!comparable(direct).equals(comparable(jaxRs))) {
                    differences.add(query + "\n  direct:  " + comparable(direct) + "\n  JAX-RS: " + comparable(jaxRs));
                }
            }
            assertThat(differences).isEmpty();
        }

        @Test
        @DisplayName("each GET that answers 302 counts once on either path, HEAD never")
        void counts() {
            CounterKey key = CounterKey.of("clicks", "https://example.com/counted");
            long before = demo.server().counters().get(key);

            raw.send("GET", "/r?u=https://example.com/counted");
            raw.send("GET", "/r;via-jax-rs?u=https://example.com/counted");
            raw.send("HEAD", "/r?u=https://example.com/counted");
            raw.send("HEAD", "/r;via-jax-rs?u=https://example.com/counted");

            assertThat(demo.server().counters().get(key) - before).isEqualTo(2);
        }

        private static Map<String, String> comparable(Answer answer) {
            Map<String, String> shown = new TreeMap<>();
            shown.put("status", String.valueOf(answer.status()));
            shown.put("body", answer.body());
            for (String name : List.of(
                    "Location",
                    "Content-Type",
                    "Cache-Control",
                    "Content-Security-Policy",
                    "X-Content-Type-Options",
                    "X-Frame-Options",
                    "Referrer-Policy",
                    "Retry-After")) {
                shown.put(name, answer.header(name).map(v -> v.replace(" ", "")).orElse("-"));
            }
            if (answer.status() == 302) { // no body: Jersey names a type all the same
                shown.remove("Content-Type");
            }
            return shown;
        }

        @Test
        @DisplayName("a bad escape gets the application's plain 400")
        void badEscape() {
            Answer answer = raw.send("GET", "/r?u=https://example.com/%zz");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("400 Bad Request: malformed percent-encoding\n");
            assertThat(answer.header("Content-Security-Policy")).isPresent();
        }
    }
}
