package io.livecount.tck;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.spi.CounterCacheFactory;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM the crash test kills: two threads add in FAST mode as fast as they can and the main
 * thread prints how many adds have returned ("acked N") every 10 ms, until it is killed.
 *
 * <p>Arguments: JDBC URL, user, password, the kit subclass that makes the cache, maxDelay in ms.
 */
public final class CrashChild {

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Constructor<?> kitConstructor = Class.forName(args[3]).getDeclaredConstructor();
        kitConstructor.setAccessible(true);
        CounterCacheFactory cache = ((KitBase) kitConstructor.newInstance()).cacheFactory(100_000);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[0]);
        pool.setUsername(args[1]);
        pool.setPassword(args[2]);
        pool.setMaximumPoolSize(4);
        CounterService counters = Livecount.create(LivecountConfig.builder()
                .dataSource(new HikariDataSource(pool))
                .namespace(KitBase.FAST, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(cache)
                        .maxDelay(Duration.ofMillis(Long.parseLong(args[4])))
                        .build())
                .build());
        AtomicLong acked = new AtomicLong();
        for (int t = 0; t < 2; t++) {
            Thread adder = new Thread(() -> {
                for (long i = 0; ; i++) {
                    counters.add(new CounterKey(KitBase.FAST, "crash" + i % 100), 1);
                    acked.incrementAndGet();
                }
            });
            adder.setDaemon(true);
            adder.start();
        }
        while (true) {
            System.out.println("acked " + acked.get());
            System.out.flush();
            Thread.sleep(10);
        }
    }
}
