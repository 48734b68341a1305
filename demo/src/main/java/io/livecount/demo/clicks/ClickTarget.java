package io.livecount.demo.clicks;

import io.livecount.CounterKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL a click goes to ({@link #url}, with its {@link #host}), normalized so that spellings of one address share one counter: scheme
 * and host lower-cased, the default port (80 for http, 443 for https) dropped, an empty path
 * made {@code /}, the fragment dropped (browsers never send it). Path and query are kept byte for
 * byte, percent-escapes included: {@code /a%2Fb} and {@code /a/b} stay two counters.
 *
 * <p>Refused, as malformed: anything longer than {@value #MAX_LENGTH} characters, characters
 * outside printable ASCII (browsers percent-encode them; the Location header must be ASCII), what
 * {@link URI} rejects, schemes other than http and https, a missing host, and user info ({@code
 * http://example.com@evil.test/} reads like example.com but goes to evil.test).
 */
public record ClickTarget(String url, String host) {

    /** Longest accepted URL, in characters. The counter name limit applies after normalization. */
    public static final int MAX_LENGTH = 2000;

    /** The normalized URL. */
    @Override
    public String toString() {
        return url;
    }

    /** Why a URL was refused; the message is safe to show (it never echoes the URL). */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The normalized URL of {@code raw} and its lower-cased host, or {@link RefusedException} saying why not. */
    public static ClickTarget normalize(String raw) throws RefusedException {
        if (raw == null || raw.isEmpty()) {
            throw new RefusedException("missing parameter u (the URL to go to)");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new RefusedException("URL longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new RefusedException("URL contains a space, a control or a non-ASCII character at index " + i
                        + " (percent-encode it)");
            }
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new RefusedException("malformed URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException("only http and https URLs are counted");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedException("URL without a valid host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedException("URL with user info");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        StringBuilder normalized =
                new StringBuilder(raw.length()).append(scheme).append("://").append(host);
        int port = uri.getPort();
        if (port > 65535) { // URI parses any digits as a port
            throw new RefusedException("port out of range");
        }
        if (port != -1 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
            normalized.append(':').append(port);
        }
        String path = uri.getRawPath();
        normalized.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            normalized.append('?').append(uri.getRawQuery());
        }
        String result = normalized.toString();
        if (result.length() > CounterKey.MAX_NAME_BYTES) { // printable ASCII: a byte a character
            throw new RefusedException("normalized URL longer than " + CounterKey.MAX_NAME_BYTES + " bytes");
        }
        return new ClickTarget(result, host);
    }
}
