package io.livecount.demo;

import io.livecount.LivecountException;
import io.livecount.demo.clicks.Clicks;
import io.livecount.demo.clicks.RedirectResource;
import io.livecount.demo.web.BadRequests;
import io.livecount.demo.web.RequestShape;
import io.livecount.demo.web.SecurityHeaders;
import io.livecount.demo.web.StoreUnavailable;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Answers clicks in Jetty itself: {@code GET} and {@code HEAD} of exactly {@code /r}, without a
 * body. A click is the one request the demo serves by the thousand, and through JAX-RS most of its
 * cost was the framework's (routing, filters, injection per request), not the count. The answer is
 * the one {@link RedirectResource} gives, from the same {@link Clicks}, with the same statuses,
 * bodies and headers ({@code ClickPathTest} compares the two).
 *
 * <p>Everything else goes on to the application unchanged, which also decides every other
 * spelling ({@code /r;x}, {@code /R}, {@code //r}, {@code /r/}): this path matches the raw path
 * exactly and adds no rule of its own about what is allowed.
 */
final class ClickPath extends Handler.Wrapper {

    private static final String PATH = "/r";

    private static final String URL_PARAMETER = "u";

    private static final List<HttpField> ALWAYS = always();

    private static final HttpField TEXT = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");

    private static final HttpField NO_CONTENT = new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, "0");

    private final Clicks clicks;
    private final boolean clicksWait;

    /**
     * @param clicksWait whether a click can wait on I/O (STRICT commits, Hazelcast calls other
     *     members): then clicks run on request threads like everything else; otherwise (FAST on
     *     Ehcache, an add in memory) on the thread that read the request
     */
    ClickPath(Clicks clicks, boolean clicksWait) {
        this.clicks = clicks;
        this.clicksWait = clicksWait;
    }

    /**
     * Non-blocking, so that Jetty runs {@link #handle} on the thread that read the request (no
     * hand-over per request); whatever may block, {@code handle} passes to a request thread.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        boolean get = HttpMethod.GET.is(request.getMethod());
        boolean click = (get || HttpMethod.HEAD.is(request.getMethod()))
                && PATH.equals(request.getHttpURI().getPath())
                && !hasBody(request);
        if (click && !clicksWait) {
            answer(request, response, callback, get);
            return true;
        }
        getServer().getThreadPool().execute(() -> {
            try {
                if (click) {
                    answer(request, response, callback, get);
                } else if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) { // as Jetty does for a handler that throws
                callback.failed(failure);
            }
        });
        return true;
    }

    private void answer(Request request, Response response, Callback callback, boolean get) {
        HttpFields.Mutable headers = response.getHeaders();
        ALWAYS.forEach(headers::add);
        String query = request.getHttpURI().getQuery();
        if (!RequestShape.isPercentEncodedUtf8(query)) {
            writeText(response, callback, HttpStatus.BAD_REQUEST_400, RequestShape.MALFORMED_ENCODING);
            return;
        }
        Clicks.Answer answer;
        try {
            answer = clicks.click(firstValue(query, URL_PARAMETER), get);
        } catch (LivecountException e) {
            headers.add(HttpHeader.RETRY_AFTER, StoreUnavailable.RETRY_AFTER_SECONDS);
            writeText(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, StoreUnavailable.logAndDescribe(e));
            return;
        } catch (IllegalArgumentException e) {
            writeText(response, callback, HttpStatus.BAD_REQUEST_400, BadRequests.text(e.getMessage()));
            return;
        }
        if (!answer.redirects()) {
            writeText(response, callback, HttpStatus.BAD_REQUEST_400, BadRequests.text(answer.refusal()));
            return;
        }
        response.setStatus(HttpStatus.FOUND_302);
        headers.add(HttpHeader.LOCATION, answer.location());
        headers.add(NO_CONTENT);
        response.write(true, null, callback);
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /**
     * The decoded value of the first parameter called {@code name} in a well-formed query, as JAX-RS
     * reads {@code @QueryParam}: parameters split at {@code &}, names and values percent-decoded
     * with {@code +} as a space, {@code ""} for a name without {@code =}, null when absent.
     */
    static String firstValue(String query, String name) {
        if (query == null) {
            return null;
        }
        for (int start = 0; start <= query.length(); ) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            int equals = query.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (name.equals(URLDecoder.decode(query.substring(start, nameEnd), StandardCharsets.UTF_8))) {
                return nameEnd == end
                        ? ""
                        : URLDecoder.decode(query.substring(nameEnd + 1, end), StandardCharsets.UTF_8);
            }
            start = end + 1;
        }
        return null;
    }

    private static void writeText(Response response, Callback callback, int status, String text) {
        ByteBuffer body = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        response.setStatus(status);
        response.getHeaders().add(TEXT);
        response.getHeaders().add(HttpHeader.CONTENT_LENGTH, body.remaining());
        response.write(true, body, callback);
    }

    /** The security headers, and the cache rule of {@code /r}, encoded once. */
    private static List<HttpField> always() {
        List<HttpField> fields = new ArrayList<>();
        SecurityHeaders.ON_EVERY_RESPONSE.forEach((name, value) -> fields.add(new PreEncodedHttpField(name, value)));
        fields.add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, RedirectResource.CACHE_CONTROL));
        return List.copyOf(fields);
    }
}
