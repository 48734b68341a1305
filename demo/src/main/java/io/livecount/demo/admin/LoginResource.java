package io.livecount.demo.admin;

import io.livecount.demo.access.LoginAttempt;
import io.livecount.demo.access.Public;
import io.livecount.demo.web.Html;
import io.livecount.demo.web.Redirects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /login} (the form and its POST) and {@code /logout}. */
@ApplicationScoped
@Public
@Path("/")
public class LoginResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    @Inject
    AdminAccount account;

    @Inject
    Sessions sessions;

    @GET
    @Path("login")
    @Produces(HTML)
    public String form() {
        return page("");
    }

    /**
     * Starts a session and goes to the admin page; a wrong login gets the form again, with 401.
     * Throttled: see {@link io.livecount.demo.access.LoginThrottle}.
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @LoginAttempt
    public Response login(@FormParam("username") String user, @FormParam("password") String password) {
        if (!account.matches(user, password)) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(page("<p class=\"error\" id=\"login-error\">Wrong user name or password.</p>"))
                    .build();
        }
        Sessions.Session session = sessions.create();
        return Redirects.seeOther("/admin")
                .header("Set-Cookie", Sessions.cookie(session))
                .build();
    }

    /** Ends the session. No CSRF token needed: the worst a forged logout does is log you out. */
    @POST
    @Path("logout")
    public Response logout(@CookieParam(Sessions.COOKIE) String sessionId) {
        sessions.end(sessionId);
        return Redirects.seeOther("/login")
                .header("Set-Cookie", Sessions.cookie(null))
                .build();
    }

    private static String page(String message) {
        return Html.page(
                "Livecount demo: log in",
                "<h1>Livecount demo: admin login</h1>" + message
                        + "<form method=\"post\" action=\"/login\" class=\"login\">"
                        + "<label>User <input name=\"username\" id=\"username\" autocomplete=\"username\"></label>"
                        + "<label>Password <input name=\"password\" id=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\"></label>"
                        + "<button type=\"submit\" id=\"login\">Log in</button></form>");
    }
}
