package io.livecount.demo.war;

import io.livecount.demo.access.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Names the client for the login throttle: the connection's address (never a forwarded-for header,
 * which the client writes). JAX-RS request properties are the servlet request's attributes.
 */
@WebFilter("/*")
public class ClientAddressFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(LoginThrottle.CLIENT_ADDRESS, request.getRemoteAddr());
        chain.doFilter(request, response);
    }
}
