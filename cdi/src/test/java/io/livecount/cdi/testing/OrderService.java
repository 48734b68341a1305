package io.livecount.cdi.testing;

import io.livecount.AddOptions;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** A transactional business bean: counts an order in both modes, then may fail. */
@ApplicationScoped
public class OrderService {

    public static final CounterKey STRICT_ORDERS = CounterKey.of("cdi-tx", "orders-strict");
    public static final CounterKey FAST_ORDERS = CounterKey.of("cdi-tx", "orders-fast");

    @Inject
    CounterService counters;

    @Transactional
    public void placeOrder(boolean failAfterCounting) {
        counters.increment(STRICT_ORDERS);
        counters.add(FAST_ORDERS, 1, AddOptions.in(ConsistencyMode.FAST));
        if (failAfterCounting) {
            throw new IllegalStateException("payment declined"); // a RuntimeException rolls the transaction back
        }
    }
}
