package io.livecount.demo.web;

import io.livecount.demo.access.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The demo's static files, from the class path (Java 17's HTTP server has no file handler). Only
 * the files listed here are served: a name from the URL never reaches the class loader.
 */
@ApplicationScoped
@Public
@Path("static")
public class StaticResource {

    private static final Map<String, String> FILES = Map.of("demo.css", "text/css; charset=utf-8");

    @GET
    @Path("{name}")
    public Response file(@PathParam("name") String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = StaticResource.class.getResourceAsStream("/io/livecount/demo/static/" + name)) {
            return Response.ok(in.readAllBytes(), type)
                    .header("Cache-Control", "max-age=300")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
