package io.livecount.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ broker of the tests: 127.0.0.1:5672, user guest/guest (its defaults, as {@code .ci/run}
 * starts it; {@code -Dlivecount.test.rabbitmq.port} for another port). Every queue a test declares is durable and named {@value #QUEUE_PREFIX}..., and is
 * deleted when the test ends.
 */
final class Rabbit {

    static final String HOST = "127.0.0.1";
    /** 5672 unless {@code -Dlivecount.test.rabbitmq.port} says otherwise. */
    static final int PORT = Integer.getInteger("livecount.test.rabbitmq.port", 5672);

    static final String QUEUE_PREFIX = "lc-broker-test-";

    private Rabbit() {}

    /** A factory without automatic recovery: a closed channel or connection stays closed, as a test wants. */
    static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    /**
     * A connection to the broker. When it cannot be reached the test fails under {@code CI=true}
     * (CI must run it) and is reported as aborted with the reason otherwise.
     */
    static Connection connectOrAbort(String name) {
        try {
            return factory().newConnection(name);
        } catch (IOException | TimeoutException unreachable) {
            String message = "RabbitMQ is not reachable at " + HOST + ":" + PORT
                    + " with guest/guest (start it: rabbitmq-server -detached; see docs/message-queue.md): "
                    + unreachable;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + message, unreachable);
            }
            Assumptions.abort(message);
            throw new IllegalStateException(message, unreachable);
        }
    }

    /** Declares {@code queue} durable (its messages survive a broker restart when published persistent) and empty. */
    static void declareEmpty(Connection connection, String queue) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.queuePurge(queue);
        }
    }

    /** Messages ready for delivery (not counting those delivered and not yet acknowledged). */
    static long ready(Connection connection, String queue) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    static void delete(Connection connection, String queue) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }
}
