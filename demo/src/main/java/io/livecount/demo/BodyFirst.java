package io.livecount.demo;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request's whole body (at most {@link HttpServer#MAX_REQUEST_BODY_BYTES}, enforced by the
 * size limit around it) before the application sees the request. A body that breaks off, is
 * malformed (a bad chunk) or is too long is then answered by the server with its 4xx; read inside
 * Jersey, the same failure surfaces as an exception in a form parameter and answers 500.
 */
final class BodyFirst extends Handler.Wrapper {

    BodyFirst(Handler application) {
        super(application);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback);
        }
        ByteBuffer body;
        try {
            body = Content.Source.asByteBuffer(request); // blocks this request thread only
        } catch (Throwable failure) {
            Response.writeError(request, response, callback, statusOf(failure));
            return true;
        }
        return super.handle(new ReadBody(request, body), response, callback);
    }

    /** The status Jetty assigned to a failed read (413 for the size limit), else 400. */
    private static int statusOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return http.getCode();
            }
        }
        return 400;
    }

    /** The request with its body already read: one last chunk, then the end. */
    private static final class ReadBody extends Request.Wrapper {
        private Content.Chunk next;

        ReadBody(Request request, ByteBuffer body) {
            super(request);
            this.next = Content.Chunk.from(body, true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // the body is here: always readable
        }
    }
}
