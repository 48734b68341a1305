package io.livecount.demo.admin;

import io.livecount.Period;
import io.livecount.demo.access.AdminOnly;
import io.livecount.demo.web.Redirects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

/** The admin page ({@code GET /admin}) and its "flush now" button ({@code POST /admin/flush}). */
@ApplicationScoped
@AdminOnly
@Path("admin")
public class AdminResource {

    @Inject
    AdminData data;

    /**
     * The page for namespace {@code ns}, top list of {@code period} and, if {@code key} is given,
     * that counter's values and charts. {@link AdminGuard} lets only logged-in admins here.
     */
    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String page(
            @QueryParam("ns") String ns,
            @QueryParam("period") String periodName,
            @QueryParam("key") String key,
            @QueryParam("flushed") String flushed,
            @Context SecurityContext security) {
        String namespace = data.namespace(ns);
        Period period = data.period(periodName);
        AdminGuard.Admin admin = (AdminGuard.Admin) security.getUserPrincipal();
        return AdminPage.render(new AdminPage.View(
                data.namespaces(),
                namespace,
                period,
                data.top(namespace, period, AdminData.DEFAULT_TOP),
                key == null || key.isEmpty() ? null : data.counter(namespace, key),
                data.mode(),
                data.cache(),
                data.writeBack(),
                admin.session().csrfToken(),
                flushed != null));
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
        String back =
                AdminPage.url(data.namespace(ns), data.period(periodName), key == null || key.isEmpty() ? null : key);
        return Redirects.seeOther(back + "&flushed=1").build();
    }
}
