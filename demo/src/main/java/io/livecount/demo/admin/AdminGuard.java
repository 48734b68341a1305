package io.livecount.demo.admin;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

/**
 * Lets requests to {@code /admin} and {@code /api} through only when logged in: by the session
 * cookie (the browser), or, for {@code /api} only, by HTTP Basic (scripts). A browser without a
 * session is sent to {@code /login}; an API client gets 401. No {@code WWW-Authenticate: Basic}
 * challenge is sent, so browsers never cache Basic credentials (which, unlike the SameSite cookie,
 * they would also send with a form posted from another site).
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminGuard implements ContainerRequestFilter {

    @Inject
    Sessions sessions;

    @Inject
    AdminAccount account;

    /** Who is calling: the session (with its CSRF token) or null for HTTP Basic. */
    public record Admin(Sessions.Session session) implements Principal {
        @Override
        public String getName() {
            return "admin";
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean api = isUnder(path, "api");
        if (!api && !isUnder(path, "admin")) {
            return;
        }
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        Optional<Sessions.Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent()) {
            request.setSecurityContext(new AdminSecurity(new Admin(session.get()), SecurityContext.FORM_AUTH));
        } else if (api && basicMatches(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.setSecurityContext(new AdminSecurity(new Admin(null), SecurityContext.BASIC_AUTH));
        } else if (api) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"login required: the session cookie of /login, or HTTP Basic\"}")
                    .build());
        } else {
            request.abortWith(Response.seeOther(URI.create("/login")).build());
        }
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

    private static boolean isUnder(String path, String prefix) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals(prefix) || relative.startsWith(prefix + "/");
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
