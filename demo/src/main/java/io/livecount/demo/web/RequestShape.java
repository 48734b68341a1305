package io.livecount.demo.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Refuses, before any resource is matched, requests the demo has no answer for: methods it never
 * serves ({@code OPTIONS}, {@code TRACE}, {@code CONNECT}: 405, so no listing of resources or
 * methods), a path or query that is not well-formed percent-encoded UTF-8 (400: the JAX-RS runtimes
 * would otherwise decode it to replacement characters), and a body without a {@code Content-Type}
 * (415: read as a form it failed with 500).
 */
@Provider
@PreMatching
public class RequestShape implements ContainerRequestFilter {

    /** What 405 answers name: the methods of the whole application, the same for every path. */
    public static final String ALLOWED_METHODS = "GET, HEAD, POST";

    /** The body of the 400 for a path or query that is not percent-encoded UTF-8. */
    public static final String MALFORMED_ENCODING = "400 Bad Request: malformed percent-encoding\n";

    private static final Set<String> NEVER_SERVED = Set.of("OPTIONS", "TRACE", "CONNECT");

    @Override
    public void filter(ContainerRequestContext request) {
        if (NEVER_SERVED.contains(request.getMethod())) {
            request.abortWith(Response.status(Response.Status.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, ALLOWED_METHODS)
                    .build());
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        if (!isPercentEncodedUtf8(uri.getRawPath()) || !isPercentEncodedUtf8(uri.getRawQuery())) {
            request.abortWith(plain(Response.Status.BAD_REQUEST, MALFORMED_ENCODING));
            return;
        }
        if (hasBody(request) && request.getMediaType() == null) {
            request.abortWith(
                    plain(Response.Status.UNSUPPORTED_MEDIA_TYPE, "415 Unsupported Media Type: no Content-Type\n"));
        }
    }

    /** Whether every {@code %} starts an escape of two hex digits and the bytes decode as UTF-8. */
    public static boolean isPercentEncodedUtf8(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        for (int i = 0; i < raw.length(); i++) { // the common case, ASCII escaping ASCII, without a copy
            char c = raw.charAt(i);
            if (c >= 0x80) {
                return decodesAsUtf8(raw);
            }
            if (c == '%') {
                int high = hexDigitAt(raw, i + 1);
                if (high < 0 || hexDigitAt(raw, i + 2) < 0) {
                    return false;
                }
                if (high >= 8) { // a byte of a multi-byte sequence
                    return decodesAsUtf8(raw);
                }
                i += 2;
            }
        }
        return true;
    }

    private static int hexDigitAt(String raw, int index) {
        return index < raw.length() ? Character.digit(raw.charAt(index), 16) : -1;
    }

    /** Whether the bytes of {@code raw}, escapes decoded, are UTF-8 ({@code raw}'s escapes are well-formed). */
    private static boolean decodesAsUtf8(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (hexDigitAt(raw, i + 1) < 0 || hexDigitAt(raw, i + 2) < 0) {
                return false;
            }
            bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
            i += 2;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }

    private static Response plain(Response.Status status, String text) {
        return Response.status(status)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(text)
                .build();
    }
}
