package io.livecount.cdi.testing;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application's business bean: counts clicks per URL through the injected service. */
@ApplicationScoped
public class ClickCounter {

    @Inject
    CounterService counters;

    public void click(String url) {
        counters.increment(CounterKey.of("clicks", url));
    }

    public long clicks(String url) {
        return counters.get(CounterKey.of("clicks", url));
    }
}
