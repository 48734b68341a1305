package io.livecount.demo.clicks;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.demo.DemoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a click does, written once for every way the demo is served: the JAX-RS resource ({@link
 * RedirectResource}, in the WAR and for the spellings of {@code /r} the embedded server leaves to
 * Jersey) and the embedded server's direct path for {@code /r}. A URL that is malformed or whose
 * host is not on the allow-list is refused and counts nothing; otherwise the normalized URL is
 * counted (when asked to) before the answer is returned, so every redirect sent is a counted click.
 *
 * <p>The counter's exceptions pass through: {@link io.livecount.LivecountException} (the store
 * failed, nothing counted) and {@link IllegalArgumentException}.
 */
@ApplicationScoped
public class Clicks {

    @Inject
    CounterService counters;

    @Inject
    DemoSettings settings;

    /** Where a click goes: a redirect to {@code location}, or a refusal saying why (safe to show). */
    public record Answer(String location, String refusal) {

        public boolean redirects() {
            return location != null;
        }
    }

    /** Normalizes {@code url} ({@code null} when absent), checks its host and counts it if {@code count}. */
    public Answer click(String url, boolean count) {
        ClickTarget target;
        try {
            target = ClickTarget.normalize(url);
        } catch (ClickTarget.RefusedException e) {
            return new Answer(null, e.getMessage());
        }
        if (!settings.allowList().allows(target.host())) {
            return new Answer(null, "host not on the allow-list of this counter");
        }
        if (count) {
            counters.increment(CounterKey.of(DemoSettings.CLICKS, target.url()));
        }
        return new Answer(target.url(), null);
    }
}
