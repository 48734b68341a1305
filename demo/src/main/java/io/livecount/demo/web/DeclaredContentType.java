package io.livecount.demo.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * A request without a {@code Content-Type} to a method that declares what it consumes (the forms)
 * gets 415. JAX-RS matches such a request to any {@code @Consumes} and then fails to read its form
 * parameters with 500; a form of another type already gets 415 from the matching.
 */
@Provider
public class DeclaredContentType implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        boolean declares = method != null
                && (method.isAnnotationPresent(Consumes.class)
                        || method.getDeclaringClass().isAnnotationPresent(Consumes.class));
        if (declares && request.getMediaType() == null) {
            request.abortWith(Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("415 Unsupported Media Type: no Content-Type\n")
                    .build());
        }
    }
}
