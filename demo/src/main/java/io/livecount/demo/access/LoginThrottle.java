package io.livecount.demo.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets for password checks: {@value #PER_CLIENT} per client and {@value #OVERALL} for
 * everyone, each refilled at that many a minute. A check takes a token from both before the password
 * is compared (so parallel guesses cannot overtake the count) and gives them back when the password
 * was right: only failures cost. Without a token the caller waits, whatever the password: a right
 * one must not answer differently while throttled, or the throttle would be an oracle.
 *
 * <p>The client is the address the HTTP server puts in the request property {@value
 * #CLIENT_ADDRESS}; where none does, every client shares one bucket.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The request property holding the client's address, set by the HTTP server's glue. */
    public static final String CLIENT_ADDRESS = "io.livecount.demo.client-address";

    public static final int PER_CLIENT = 10;
    public static final int OVERALL = 100;
    static final Duration REFILL_PERIOD = Duration.ofMinutes(1);
    /** Beyond this many clients with recent failures, new ones share one bucket (memory stays bounded). */
    static final int MAX_CLIENTS = 10_000;

    private static final String SHARED = "(shared)";

    private final Clock clock;
    private final Bucket overall;
    private final Map<String, Bucket> clients = new ConcurrentHashMap<>();

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    /** With {@code clock}: tests move time instead of sleeping. */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.overall = new Bucket(OVERALL, clock.instant());
    }

    /**
     * Takes a token for a password check by {@code client} (null: unknown). Empty when the check may
     * go ahead; otherwise how long until it may, and nothing was taken.
     */
    public synchronized Optional<Duration> acquire(String client) {
        Instant now = clock.instant();
        Bucket own = bucket(client, now);
        Duration wait = max(own.waitForToken(now), overall.waitForToken(now));
        if (!wait.isZero()) {
            return Optional.of(wait);
        }
        own.take();
        overall.take();
        return Optional.empty();
    }

    /** Gives back the token of a check whose password was right. */
    public synchronized void succeeded(String client) {
        Instant now = clock.instant();
        bucket(client, now).giveBack(now);
        overall.giveBack(now);
    }

    private Bucket bucket(String client, Instant now) {
        String key = client == null || client.isEmpty() ? SHARED : client;
        Bucket bucket = clients.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (clients.size() >= MAX_CLIENTS) {
            clients.values().removeIf(b -> b.isFull(now));
            if (clients.size() >= MAX_CLIENTS) {
                key = SHARED;
            }
        }
        return clients.computeIfAbsent(key, k -> new Bucket(PER_CLIENT, now));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** {@code capacity} tokens, refilled continuously at {@code capacity} per {@link #REFILL_PERIOD}. */
    private static final class Bucket {
        private final int capacity;
        private final long nanosPerToken;
        private double tokens;
        private Instant refilled;

        Bucket(int capacity, Instant now) {
            this.capacity = capacity;
            this.nanosPerToken = REFILL_PERIOD.toNanos() / capacity;
            this.tokens = capacity;
            this.refilled = now;
        }

        Duration waitForToken(Instant now) {
            refill(now);
            if (tokens >= 1) {
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
        }

        void take() {
            tokens -= 1;
        }

        void giveBack(Instant now) {
            refill(now);
            tokens = Math.min(capacity, tokens + 1);
        }

        boolean isFull(Instant now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(Instant now) {
            long elapsed = Duration.between(refilled, now).toNanos();
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + (double) elapsed / nanosPerToken);
                refilled = now;
            }
        }
    }
}
