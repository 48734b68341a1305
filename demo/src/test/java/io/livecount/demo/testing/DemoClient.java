package io.livecount.demo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP calls to a running demo, redirects never followed (the tests look at the 302s and 303s). */
public final class DemoClient {

    private final URI base;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    DemoClient(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
    }

    public URI base() {
        return base;
    }

    /** {@code GET /r?u=<target>}, {@code target} percent-encoded as a browser's form would. */
    public HttpResponse<String> click(String target) {
        return get("r?u=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> get(String pathAndQuery, String header, String value) {
        return send(request(pathAndQuery).header(header, value).GET().build());
    }

    /** {@code GET} with HTTP Basic as the admin (or with {@code password} if given). */
    public HttpResponse<String> getAsAdmin(String pathAndQuery) {
        return get(pathAndQuery, "Authorization", basic(user, password));
    }

    public HttpResponse<String> postForm(String path, String form, String cookie) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    /** {@code POST /api/flush} with HTTP Basic. */
    public HttpResponse<String> flushAsAdmin() {
        return send(request("api/flush")
                .header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Logs in through the form; returns the {@code name=value} of the session cookie. */
    public String login() {
        HttpResponse<String> response =
                postForm("login", "username=" + encode(user) + "&password=" + encode(password), null);
        if (response.statusCode() != 303) {
            throw new IllegalStateException("login failed: " + response.statusCode());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The CSRF token in a page's flush form. */
    public static String csrfToken(String page) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return matcher.group(1);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
