package io.livecount.broker;

import com.rabbitmq.client.Connection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.ConsistencyMode;
import io.livecount.CounterService;
import java.util.List;

/**
 * A consumer application in a JVM of its own, for a test to kill with {@code kill -9}: a counting
 * service (on Hazelcast, a member that joins the test's cluster) and one {@link ClickConsumer}
 * that forces nothing itself. It prints {@code ready} once consuming, {@code adding ID,ID,...}
 * before each batch's add and {@code acknowledged N} after each acknowledgement; it runs until
 * killed.
 *
 * <p>Arguments: JDBC URL, user, password, topology ({@code ONE_NODE}, {@code HAZELCAST}), cluster
 * name, mode, queue, namespace.
 */
public final class ConsumerJvm {

    private ConsumerJvm() {}

    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[0]);
        pool.setUsername(args[1]);
        pool.setPassword(args[2]);
        pool.setMaximumPoolSize(4);
        Topology topology = Topology.valueOf(args[3]);
        ConsistencyMode mode = ConsistencyMode.valueOf(args[5]);
        ClickConsumer.Settings settings =
                new ClickConsumer.Settings(args[6], args[7], mode, 2_000, 500, true, Forcing.NONE);
        CounterService counters = topology.start(new HikariDataSource(pool), args[7], mode, args[4]);
        Connection connection = Rabbit.factory().newConnection("livecount-consumer-jvm");
        new ClickConsumer("consumer-jvm", connection, counters, settings, new Redeliveries(), new Printed()).start();
        say("ready");
    }

    private static final class Printed implements ConsumerEvents {
        @Override
        public void adding(List<String> ids) {
            say("adding " + String.join(",", ids));
        }

        @Override
        public void acknowledged(int messages) {
            say("acknowledged " + messages);
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
