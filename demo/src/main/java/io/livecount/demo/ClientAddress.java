package io.livecount.demo;

import io.livecount.demo.access.LoginThrottle;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Gives the login throttle the client's address on the embedded Jetty (a server deploying the WAR
 * does it with a servlet filter); without it every client would share one throttle bucket. The
 * {@link Handler} notes the address for the thread that runs the request: Jersey's Jetty container
 * runs the application on the thread that calls it, so the filter reads it there.
 */
@PreMatching
final class ClientAddress implements ContainerRequestFilter {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public void filter(ContainerRequestContext request) {
        String address = CURRENT.get();
        if (address != null) {
            request.setProperty(LoginThrottle.CLIENT_ADDRESS, address);
        }
    }

    /** Wraps the application's handler: notes each request's client address for {@link #filter}. */
    static Handler noting(Handler application) {
        return new Handler.Wrapper(application) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                CURRENT.set(Request.getRemoteAddr(request));
                try {
                    return super.handle(request, response, callback);
                } finally {
                    CURRENT.remove();
                }
            }
        };
    }
}
