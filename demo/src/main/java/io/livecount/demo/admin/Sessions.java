package io.livecount.demo.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin sessions, in memory (a restart logs everyone out). A session id and its CSRF token are 32
 * random bytes each; the id travels only in an HttpOnly, SameSite=Strict cookie, the token only in
 * the pages' forms, so a form posted from another site has neither.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "livecount_demo_session";
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 10_000;

    /** One login. */
    public record Session(String id, String csrfToken, Instant expires) {

        /** Whether {@code token} is this session's CSRF token (constant-time comparison). */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(), token.getBytes());
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session create() {
        Instant now = Instant.now();
        sessions.values().removeIf(session -> session.expires().isBefore(now));
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("too many admin sessions; restart the demo");
        }
        Session session = new Session(token(), token(), now.plus(LIFETIME));
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of this cookie value, if any. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null || session.expires().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The Set-Cookie value for {@code session}, or one that deletes the cookie when null. */
    public static String cookie(Session session) {
        String value = session == null ? "" : session.id();
        long maxAge = session == null ? 0 : LIFETIME.toSeconds();
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict";
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
