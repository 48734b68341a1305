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
 * The demo's static files, from the class path (Java 17's HTTP server has no file handler): its
 * own, and uPlot from its WebJar ({@code org.webjars.npm:uplot}, pinned in the demo's pom; {@code
 * StaticFilesTest} checks the served bytes against their SHA-256). Only the files listed here are
 * served: a name from the URL never reaches the class loader.
 */
@ApplicationScoped
@Public
@Path("static")
public class StaticResource {

    /** The version of the uPlot WebJar in the demo's pom: its files live under this path. */
    public static final String UPLOT_VERSION = "1.6.30";

    private static final String OWN = "/io/livecount/demo/static/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";

    private record File(String resource, String type) {}

    private static final Map<String, File> FILES = Map.of(
            "demo.css", new File(OWN + "demo.css", CSS),
            "dashboard.js", new File(OWN + "dashboard.js", SCRIPT),
            "dashboard-format.js", new File(OWN + "dashboard-format.js", SCRIPT),
            "dashboard-chart.js", new File(OWN + "dashboard-chart.js", SCRIPT),
            "uPlot.iife.min.js", new File(UPLOT + "uPlot.iife.min.js", SCRIPT),
            "uPlot.min.css", new File(UPLOT + "uPlot.min.css", CSS));

    @GET
    @Path("{name}")
    public Response file(@PathParam("name") String name) {
        File file = FILES.get(name);
        if (file == null) {
            throw new NotFoundException();
        }
        try (InputStream in = StaticResource.class.getResourceAsStream(file.resource())) {
            if (in == null) {
                throw new IllegalStateException(file.resource() + " is not on the class path");
            }
            return Response.ok(in.readAllBytes(), file.type())
                    .header("Cache-Control", "max-age=300")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
