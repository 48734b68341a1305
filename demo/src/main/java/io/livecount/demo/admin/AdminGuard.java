package io.livecount.demo.admin;

import io.livecount.demo.access.AccessRule;
import io.livecount.demo.access.AdminOnly;
import io.livecount.demo.access.LoginAttempt;
import io.livecount.demo.access.LoginThrottle;
import io.livecount.demo.access.Public;
import io.livecount.demo.web.Redirects;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides every matched request by what its resource method declares ({@link AccessRule}): {@link
 * Public}, {@link AdminOnly} (a page: the session cookie, else 303 to {@code /login}; the API: the
 * session cookie or HTTP Basic, else 401), and nothing else: a method that declares nothing is
 * refused. The decision looks at the matched method, never at the path, so matrix parameters,
 * encoded slashes, case and dot segments cannot change it.
 *
 * <p>Password checks (HTTP Basic here, and methods marked {@link LoginAttempt}) are throttled by
 * {@link LoginThrottle}: 429 with Retry-After. No {@code WWW-Authenticate: Basic} challenge is sent,
 * so browsers never cache Basic credentials (which, unlike the SameSite cookie, they would also send
 * with a form posted from another site).
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminGuard implements ContainerRequestFilter, ContainerResponseFilter {

    private static final System.Logger LOG = System.getLogger(AdminGuard.class.getName());

    /** Request property: the client whose throttle token a login attempt took (given back on success). */
    private static final String TOKEN_OF = AdminGuard.class.getName() + ".token-of";

    @Inject
    Sessions sessions;

    @Inject
    AdminAccount account;

    @Inject
    LoginThrottle throttle;

    @Context
    ResourceInfo resource;

    /** Who is calling: the session (with its CSRF token) or null for HTTP Basic. */
    public record Admin(Sessions.Session session) implements Principal {
        @Override
        public String getName() {
            return "admin";
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        switch (AccessRule.of(method, resource.getResourceClass())) {
            case PUBLIC -> throttleIfLoginAttempt(request, method);
            case ADMIN_PAGE -> admitAdmin(request, false);
            case ADMIN_API -> admitAdmin(request, true);
            case REFUSED -> {
                LOG.log(System.Logger.Level.WARNING, "refused: {0} declares neither @Public nor @AdminOnly", method);
                request.abortWith(plain(Response.Status.FORBIDDEN, "403 Forbidden\n"));
            }
        }
    }

    /** A login attempt that was not refused with 401 gives its throttle token back. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(TOKEN_OF) instanceof String client
                && response.getStatus() != Response.Status.UNAUTHORIZED.getStatusCode()) {
            throttle.succeeded(client);
        }
    }

    private void throttleIfLoginAttempt(ContainerRequestContext request, Method method) {
        if (method.isAnnotationPresent(LoginAttempt.class) && takeToken(request)) {
            request.setProperty(TOKEN_OF, client(request));
        }
    }

    private void admitAdmin(ContainerRequestContext request, boolean api) {
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        Optional<Sessions.Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (session.isPresent()) {
            request.setSecurityContext(new AdminSecurity(new Admin(session.get()), SecurityContext.FORM_AUTH));
        } else if (api && authorization != null) {
            if (!takeToken(request)) {
                return;
            }
            if (basicMatches(authorization)) {
                throttle.succeeded(client(request));
                request.setSecurityContext(new AdminSecurity(new Admin(null), SecurityContext.BASIC_AUTH));
            } else {
                request.abortWith(loginRequired());
            }
        } else if (api) {
            request.abortWith(loginRequired());
        } else {
            request.abortWith(Redirects.seeOther("/login").build());
        }
    }

    /** Takes a throttle token for a password check; false (and the request aborted with 429) if none is left. */
    private boolean takeToken(ContainerRequestContext request) {
        Optional<Duration> wait = throttle.acquire(client(request));
        if (wait.isEmpty()) {
            return true;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        request.abortWith(Response.fromResponse(plain(
                        Response.Status.TOO_MANY_REQUESTS,
                        "429 Too Many Requests: too many failed logins; try again in " + seconds + " s\n"))
                .header("Retry-After", seconds)
                .build());
        return false;
    }

    private static String client(ContainerRequestContext request) {
        Object address = request.getProperty(LoginThrottle.CLIENT_ADDRESS);
        return address == null ? "" : address.toString(); // "": unknown, the shared bucket
    }

    private static Response loginRequired() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"error\":\"login required: the session cookie of /login, or HTTP Basic\"}")
                .build();
    }

    private static Response plain(Response.Status status, String text) {
        return Response.status(status)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(text)
                .build();
    }

    /**
     * Whether a state-changing request may proceed: always with Basic (no ambient credentials),
     * with a session only if {@code csrfToken} is that session's token.
     */
    public static boolean csrfPasses(SecurityContext security, String csrfToken) {
        if (!(security.getUserPrincipal() instanceof Admin admin)) {
            return false;
        }
        return admin.session() == null || admin.session().csrfMatches(csrfToken);
    }

    private boolean basicMatches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && account.matches(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private record AdminSecurity(Admin admin, String scheme) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return admin;
        }

        @Override
        public boolean isUserInRole(String role) {
            return "admin".equals(role);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
