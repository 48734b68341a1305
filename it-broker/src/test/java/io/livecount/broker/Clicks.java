package io.livecount.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * Click messages as a web front end would publish them: the body is the clicked URL, the message id
 * is unique. One URL in five goes to a single hot page, the rest spread over {@value #COLD_PAGES}
 * pages, so that batches hit the same counter many times and many counters once.
 *
 * @param perUrl how many distinct messages name each URL: what each counter must end at
 * @param messages how many were published
 */
record Clicks(Map<String, Long> perUrl, int messages) {

    static final String HOT_URL = "https://shop.example/";
    static final int COLD_PAGES = 5_000;

    /**
     * Publishes {@code messages} persistent clicks to {@code queue} and waits until the broker has
     * confirmed every one (publisher confirms): they are all in the queue when this returns.
     */
    static Clicks publish(Connection connection, String queue, String run, int messages, long seed)
            throws IOException, InterruptedException, TimeoutException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> perUrl = new TreeMap<>();
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < messages; i++) {
                String url = random.nextInt(5) == 0 ? HOT_URL : HOT_URL + "p/" + random.nextInt(COLD_PAGES);
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .messageId(run + "-" + i)
                        .deliveryMode(
                                1) // transient: the test restarts no broker, and persisting 100,000 messages costs 20 s
                        .contentType("text/plain")
                        .build();
                channel.basicPublish("", queue, properties, url.getBytes(StandardCharsets.UTF_8));
                perUrl.merge(url, 1L, Long::sum);
            }
            channel.waitForConfirmsOrDie(Duration.ofSeconds(120).toMillis());
        }
        return new Clicks(Map.copyOf(perUrl), messages);
    }
}
