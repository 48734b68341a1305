package io.livecount.demo.admin;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.demo.access.AdminOnly;
import io.livecount.demo.web.Redirects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/** The admin dashboard ({@code GET /admin}) and its "flush now" button ({@code POST /admin/flush}). */
@ApplicationScoped
@AdminOnly
@Path("admin")
public class AdminResource {

    @Inject
    AdminData data;

    /**
     * The dashboard for namespace {@code ns} and period {@code period}: its top list, its counters
     * named {@code prefix}... from after {@code after}, and, if {@code key} is given, that counter's
     * values and chart; times in zone {@code tz} (the page's script picks the browser's when absent).
     * {@link AdminGuard} lets only logged-in admins here.
     */
    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String page(
            @QueryParam("ns") String ns,
            @QueryParam("period") String periodName,
            @QueryParam("key") String key,
            @QueryParam("prefix") @DefaultValue("") String prefix,
            @QueryParam("after") @DefaultValue("") String after,
            @QueryParam("tz") String tz,
            @QueryParam("flushed") String flushed,
            @Context SecurityContext security) {
        String namespace = data.namespace(ns);
        Period period = data.period(namespace, periodName);
        Instant now = Instant.now();
        AdminPage.Counter counter = null;
        if (key != null && !key.isEmpty()) {
            CounterKey counterKey = CounterKey.of(namespace, key);
            counter = new AdminPage.Counter(
                    counterKey, data.values(counterKey, now), data.series(counterKey, period, now));
        }
        AdminGuard.Admin admin = (AdminGuard.Admin) security.getUserPrincipal();
        return AdminPage.render(new AdminPage.View(
                data.namespaces(),
                namespace,
                data.periods(namespace),
                period,
                AdminData.zone(tz),
                data.bucketZone(),
                data.topWithTrend(namespace, period, AdminData.DEFAULT_TOP, now),
                prefix,
                after,
                data.counters(namespace, prefix, after, period, now),
                counter,
                data.mode(),
                data.cache(),
                data.fast(),
                data.writeBack(),
                admin.session().csrfToken(),
                flushed != null,
                now));
    }

    /** Writes every pending click to the database, then shows the page again (post/redirect/get). */
    @POST
    @Path("flush")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response flush(
            @FormParam("csrf") String csrf,
            @FormParam("ns") String ns,
            @FormParam("period") String periodName,
            @FormParam("key") String key,
            @Context SecurityContext security) {
        if (!AdminGuard.csrfPasses(security, csrf)) {
            return Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("403 Forbidden: missing or wrong CSRF token\n")
                    .build();
        }
        data.flush();
        String back = AdminPage.url(
                data.namespace(ns),
                data.period(data.namespace(ns), periodName),
                key == null || key.isEmpty() ? null : key);
        return Redirects.seeOther(back + "&flushed=1").build();
    }
}
