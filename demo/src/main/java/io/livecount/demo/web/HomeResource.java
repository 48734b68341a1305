package io.livecount.demo.web;

import io.livecount.demo.DemoSettings;
import io.livecount.demo.access.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The start page: what the demo does, a few counted links to try, the way to the admin page. */
@ApplicationScoped
@Public
@Path("/")
public class HomeResource {

    @Inject
    DemoSettings settings;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String home(@Context UriInfo uri) {
        String self = uri.getBaseUri().toString();
        List<String> samples = List.of(self + "hello", self + "hello?from=home", "https://example.com/");
        StringBuilder links = new StringBuilder("<ul class=\"samples\">");
        for (String target : samples) {
            String counted = "/r?u=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
            links.append("<li><a href=\"")
                    .append(Html.escape(counted))
                    .append("\">")
                    .append(Html.escape(target))
                    .append("</a></li>");
        }
        links.append("</ul>");
        return Html.page(
                "Livecount demo",
                "<h1>Livecount demo: a click counter</h1>"
                        + "<p>Every link below goes through <code>/r?u=&lt;url&gt;</code>, which counts the click in"
                        + " namespace <code>" + DemoSettings.CLICKS + "</code> (hour, day and all-time buckets) and"
                        + " redirects. Hosts allowed: <code>"
                        + Html.escape(settings.allowList().toString())
                        + "</code>.</p>"
                        + links
                        + "<p><a href=\"/admin\">Admin page</a> (login required) &middot; mode <b>"
                        + Html.escape(settings.mode()) + "</b></p>");
    }

    /** A page to land on that needs no internet: the demo's own. */
    @GET
    @Path("hello")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String hello() {
        return Html.page(
                "Hello from the demo",
                "<h1 id=\"hello\">You were counted.</h1><p><a href=\"/\">Back</a> &middot;"
                        + " <a href=\"/admin\">Admin page</a></p>");
    }
}
