package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.AddOptions;
import io.livecount.CounterAdd;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The part of the compatibility kit about idempotency keys in FAST mode: the same keyed adds made
 * on two nodes, in different orders, while write-backs run, count once each; and {@code
 * whenWritten()} on each node covers that node's adds. Extend it in the provider's module like
 * {@link CounterCacheKit}.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider with idempotency keys")
public abstract class IdempotencyKit extends KitBase {

    private static final int COUNTERS = 20;
    private static final int KEYS = 2_000;

    @Test
    @DisplayName("two nodes adding the same keyed adds in their own orders, 2 threads each, while write-backs"
            + " run: each key counts once")
    void twoNodesCountEachKeyOnce() throws InterruptedException {
        List<CounterService> nodes = List.of(
                service(100_000, b -> b.maxDelay(Duration.ofMillis(20))),
                service(100_000, b -> b.maxDelay(Duration.ofMillis(20))));
        Load.run(4, thread -> {
            CounterService node = nodes.get(thread % 2);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                order.add(i);
            }
            Collections.shuffle(order);
            for (int i : order) {
                node.add(counter(i), 1, AddOptions.once("m-" + i));
            }
        });
        for (CounterService node : nodes) {
            node.flush();
        }
        for (int c = 0; c < COUNTERS; c++) {
            assertThat(inDatabase(counter(c))).as("counter %d", c).isEqualTo(KEYS / COUNTERS);
        }
        assertThat(database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE ns = '" + FAST_PERIODS
                        + "' AND period_type = 'IDEM'"))
                .isEqualTo(KEYS);
    }

    @Test
    @DisplayName("batches redelivered to the other node count once; whenWritten() on each node completes with its"
            + " batches in the database")
    void redeliveredBatches() throws Exception {
        CounterService first = service(100_000, b -> b.maxDelay(Duration.ofMillis(20)));
        CounterService second = service(100_000, b -> b.maxDelay(Duration.ofMillis(20)));
        for (int batch = 0; batch < 20; batch++) {
            List<CounterAdd> adds = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int message = batch * 100 + i;
                adds.add(CounterAdd.once(counter(message), 1, "msg-" + message));
            }
            first.addAll(adds);
            if (batch % 2 == 0) {
                second.addAll(adds); // redelivered elsewhere before the first node wrote it
            }
            first.whenWritten().toCompletableFuture().get(30, TimeUnit.SECONDS);
            second.whenWritten().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(sumOfPeriod(FAST_PERIODS, "ALL"))
                    .as("after batch %d's barriers, without flush", batch)
                    .isEqualTo((batch + 1) * 100L);
            second.addAll(adds); // redelivered after it was written
        }
        first.flush();
        second.flush();
        assertThat(sumOfPeriod(FAST_PERIODS, "ALL")).isEqualTo(2_000);
    }

    private static CounterKey counter(int message) {
        return new CounterKey(FAST_PERIODS, "c-" + message % COUNTERS);
    }
}
