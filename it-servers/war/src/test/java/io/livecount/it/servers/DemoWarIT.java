package io.livecount.it.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo as a WAR ({@code it-servers/demo-war}: livecount-demo's {@code DemoApplication} on the
 * server's CDI and JAX-RS, counting in its default data source) deployed as {@code ROOT.war} on
 * WildFly (RESTEasy, not the embedded demo's Jersey), HTTP on 127.0.0.1:{@value #PORT}. Checks the
 * redirect, the admin login and its throttle there, over raw sockets so that paths reach the server
 * as written.
 * Selected with the {@code wildfly} runtime ({@code -Dit.runtimes}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The demo's WAR on WildFly")
class DemoWarIT {

    static final int PORT = 18181;
    static final String PASSWORD = "war-admin-secret";
    static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    ServerProcess server;

    @BeforeAll
    void deploy() throws Exception {
        AbstractRuntimeIT.requireSelected("wildfly");
        Path war = Path.of(System.getProperty("it.demo.war"));
        Path runDir = TestWars.serversDir().getParent().resolve("it-runs").resolve("wildfly-demo");
        AbstractRuntimeIT.deleteRecursively(runDir);
        Path home = Path.of(System.getProperty("it.wildfly.home"));
        Path base = runDir.resolve("standalone");
        WildFlyIT.copyTree(home.resolve("standalone"), base);
        Files.copy(war, base.resolve("deployments/ROOT.war")); // its pages link to /login, /admin, /static
        List<String> command = List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + PORT,
                "-Djboss.https.port=" + (PORT + 1));
        server = ServerProcess.start(
                command,
                runDir,
                Map.of(
                        "JAVA_HOME", AbstractRuntimeIT.javaHome(),
                        "JBOSS_PIDFILE", runDir.resolve("wildfly.pid").toString(),
                        "LIVECOUNT_DEMO_ADMIN_PASSWORD", PASSWORD),
                runDir.resolve("server.log"));
        awaitHomePage();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            assertThat(server.stop(Duration.ofSeconds(90)))
                    .as("stopped by SIGTERM")
                    .isTrue();
        }
    }

    private void awaitHomePage() throws InterruptedException {
        long deadline = server.startNanos() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (send("GET / HTTP/1.1\r\n").status() == 200) {
                    long millis = (System.nanoTime() - server.startNanos()) / 1_000_000;
                    System.out.println("[it-servers] runtime=wildfly config=demo-war first_200_ms=" + millis);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the demo's WAR did not answer on WildFly; log " + server.log() + ", problems: "
                + AbstractRuntimeIT.problems(server.logText()).stream()
                        .limit(12)
                        .toList());
    }

    @Test
    @DisplayName("/r redirects to allowed hosts (302) and refuses others (400)")
    void allowList() throws Exception {
        Answer allowed = send("GET /r?u=" + encode("https://example.com/war") + " HTTP/1.1\r\n");
        Answer refused = send("GET /r?u=" + encode("https://evil.test/") + " HTTP/1.1\r\n");

        assertThat(allowed.status()).isEqualTo(302);
        assertThat(allowed.header("Location")).isEqualTo("https://example.com/war");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Location")).isNull();
    }

    @Test
    @DisplayName("/api;/top and /api/top without credentials: 401; /admin; goes to /login, never 500")
    void noWayAroundTheLogin() throws Exception {
        for (String target : new String[] {"/api;/top", "/api;x=1/top", "/api/top", "/api;/namespaces"}) {
            Answer answer = send("GET " + target + " HTTP/1.1\r\n");
            assertThat(answer.status()).as(target + ": " + answer.body()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("\"counters\"");
        }
        Answer admin = send("GET /admin; HTTP/1.1\r\n");
        assertThat(admin.status()).as(admin.body()).isIn(303, 400, 404);
    }

    @Test
    @DisplayName("a login (Location relative, whatever the Host header) opens /api/top: 200")
    void loginThenApi() throws Exception {
        String form = "username=admin&password=" + encode(PASSWORD);
        Answer login = send(
                "POST /login HTTP/1.1\r\nHost: evil.com\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                        + "\r\n",
                form);

        assertThat(login.status()).as(login.body()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/admin");
        String cookie = login.header("Set-Cookie").split(";")[0];
        Answer top = send("GET /api/top?period=all HTTP/1.1\r\nCookie: " + cookie + "\r\n");
        assertThat(top.status()).as(top.body()).isEqualTo(200);
        assertThat(top.body()).contains("\"counters\":[");
        Answer page = send("GET /admin HTTP/1.1\r\nCookie: " + cookie + "\r\n");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Top counters of");
    }

    @Test
    @DisplayName("HEAD /r answers 302 like GET and does not count; GET counts")
    void headDoesNotCount() throws Exception {
        String target = "https://example.com/head-" + System.nanoTime();
        String request = "/r?u=" + encode(target) + " HTTP/1.1\r\n";

        Answer head = send("HEAD " + request);
        assertThat(head.status()).isEqualTo(302);
        assertThat(head.header("Location")).isEqualTo(target);
        assertThat(allTime(target)).as("after HEAD").isEqualTo(0);
        assertThat(send("GET " + request).status()).isEqualTo(302);
        assertThat(allTime(target)).as("after GET").isEqualTo(1);
    }

    @Test
    @DisplayName("OPTIONS lists nothing (405), there is no WADL")
    void noListings() throws Exception {
        assertThat(send("OPTIONS /api/top HTTP/1.1\r\n").status()).isEqualTo(405);
        assertThat(send("GET /application.wadl HTTP/1.1\r\n").status()).isEqualTo(404);
    }

    /** Last: it leaves this client throttled. */
    @Test
    @Order(Integer.MAX_VALUE)
    @DisplayName("the 11th failed login in a minute gets 429 with Retry-After")
    void failedLoginsThrottled() throws Exception {
        String form = "username=admin&password=guess";
        String request = "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n";
        for (int i = 1; i <= 10; i++) {
            assertThat(send(request, form).status()).as("attempt %d", i).isEqualTo(401);
        }

        Answer eleventh = send(request, form);

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isNotNull();
    }

    // --- raw HTTP/1.1, one request per connection

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private long allTime(String name) throws IOException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Answer counter =
                send("GET /api/counter?key=" + encode(name) + " HTTP/1.1\r\nAuthorization: Basic " + basic + "\r\n");
        assertThat(counter.status()).as(counter.body()).isEqualTo(200);
        Matcher allTime = Pattern.compile("\"allTime\":(\\d+)").matcher(counter.body());
        assertThat(allTime.find()).as(counter.body()).isTrue();
        return Long.parseLong(allTime.group(1));
    }

    private static Answer send(String requestLineAndHeaders) throws IOException {
        return send(requestLineAndHeaders, "");
    }

    /** {@code head}: the request line and headers, each ending in CRLF; Host and Connection are added. */
    private static Answer send(String head, String body) throws IOException {
        String host = head.contains("\r\nHost:") ? "" : "Host: 127.0.0.1:" + PORT + "\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 2_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write((head + host + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.putIfAbsent(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            boolean noBody = head.startsWith("HEAD ") || "0".equals(headers.get("content-length"));
            String text = noBody ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers, text);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
