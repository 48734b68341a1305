package io.livecount.demo;

import io.livecount.demo.access.LoginThrottle;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.eclipse.jetty.server.Request;

/**
 * Gives the login throttle the client's address on the embedded Jetty (a server deploying the WAR
 * does it with a servlet filter): without it every client would share one throttle bucket.
 */
@PreMatching
final class ClientAddress implements ContainerRequestFilter {

    @Inject
    private Provider<Request> jettyRequest; // bound per request by Jersey's Jetty container

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(LoginThrottle.CLIENT_ADDRESS, Request.getRemoteAddr(jettyRequest.get()));
    }
}
