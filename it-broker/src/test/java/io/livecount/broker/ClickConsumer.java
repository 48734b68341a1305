package io.livecount.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.livecount.ConsistencyMode;
import io.livecount.CounterAdd;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A click consumer written as an application would write one. It takes deliveries with manual
 * acknowledgement and a prefetch window, in batches; adds each batch with {@code addAll}, 1 per
 * message with the message id as idempotency key; and acknowledges the batch (multiple, up to its
 * last delivery tag) once it is durable: in STRICT when {@code addAll} returns, in FAST when the
 * {@code whenWritten()} barrier taken after the batch completes. While a batch waits for its
 * barrier the next ones are added; acknowledgements follow in order.
 *
 * <p>Every channel operation runs on the consumer's own thread (the broker's delivery callback only
 * queues deliveries), since a channel is not to be shared between threads. A {@link Forcing} gives
 * some batches back to the broker after their add: the channel closed before the acknowledgement,
 * or {@code basicNack(tag, multiple, requeue)}. A batch whose add throws is requeued, as an
 * application would do.
 */
final class ClickConsumer {

    /**
     * @param idempotent whether each add carries its message id ({@code false} shows what the ids prevent)
     */
    record Settings(
            String queue,
            String namespace,
            ConsistencyMode mode,
            int prefetch,
            int batchSize,
            boolean idempotent,
            Forcing forcing) {}

    private record Click(Channel channel, long tag, String id, String url, boolean redelivered) {}

    /** An added batch waiting for its barrier before its acknowledgement. */
    private record Waiting(Channel channel, long lastTag, int messages, CompletableFuture<Void> durable) {}

    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LINGER = Duration.ofMillis(10);

    private final Connection connection;
    private final CounterService counters;
    private final Settings settings;
    private final Redeliveries redeliveries;
    private final ConsumerEvents events;
    private final BlockingQueue<Click> inbox = new LinkedBlockingQueue<>();
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final Thread thread;
    private Channel channel;
    private long batches;
    private volatile boolean stopping;
    private volatile boolean settled;
    private volatile long lastActivity = System.nanoTime();
    private volatile Throwable failure;

    ClickConsumer(
            String name,
            Connection connection,
            CounterService counters,
            Settings settings,
            Redeliveries redeliveries,
            ConsumerEvents events) {
        this.connection = connection;
        this.counters = counters;
        this.settings = settings;
        this.redeliveries = redeliveries;
        this.events = events;
        this.thread = new Thread(this::run, name);
    }

    void start() {
        thread.start();
    }

    /** Nothing in hand or waiting for a barrier, and no delivery for {@code quietFor}. */
    boolean quiet(Duration quietFor) {
        return settled && System.nanoTime() - lastActivity > quietFor.toNanos();
    }

    /**
     * Acknowledges the batches whose barrier completes, closes the channel (whatever is still in hand
     * goes back to the queue) and rethrows what stopped the consumer, if anything did.
     */
    void stop() throws Exception {
        stopping = true;
        thread.join(BARRIER_TIMEOUT.multipliedBy(2).toMillis());
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not stop within " + BARRIER_TIMEOUT.multipliedBy(2));
        }
        if (failure != null) {
            throw new AssertionError(thread.getName() + " failed", failure);
        }
    }

    @Override
    public String toString() {
        return thread.getName() + " (" + batches + " batches, " + waiting.size() + " waiting"
                + (failure == null ? "" : ", failed: " + failure) + ")";
    }

    private void run() {
        try {
            open();
            while (!stopping) {
                acknowledgeDurable();
                settled = waiting.isEmpty() && inbox.isEmpty();
                List<Click> batch = nextBatch();
                if (!batch.isEmpty()) {
                    process(batch);
                }
            }
            for (Waiting batch : waiting) {
                awaitBarrier(batch);
            }
            acknowledgeDurable();
        } catch (Exception | Error e) {
            failure = e;
        } finally {
            closeChannel();
        }
    }

    /**
     * Up to a batch of deliveries: what has arrived, and what arrives while the gaps stay under
     * {@link #LINGER}, so that a batch is not cut short by deliveries trickling in after an
     * acknowledgement.
     */
    private List<Click> nextBatch() throws InterruptedException {
        List<Click> batch = new ArrayList<>(settings.batchSize());
        Click next = inbox.poll(50, TimeUnit.MILLISECONDS);
        while (next != null) {
            batch.add(next);
            inbox.drainTo(batch, settings.batchSize() - batch.size());
            next = batch.size() < settings.batchSize() ? inbox.poll(LINGER.toMillis(), TimeUnit.MILLISECONDS) : null;
        }
        batch.removeIf(click -> click.channel() != channel); // left from a closed channel: redelivered
        return batch;
    }

    private void process(List<Click> batch) throws IOException, InterruptedException {
        settled = false;
        long number = ++batches;
        List<String> ids = batch.stream().map(Click::id).toList();
        batch.stream().filter(Click::redelivered).forEach(click -> redeliveries.redelivered(click.id()));
        long lastTag = batch.get(batch.size() - 1).tag();
        events.adding(ids);
        try {
            counters.addAll(batch.stream().map(this::add).toList());
        } catch (RuntimeException refused) { // e.g. a member that left: the broker keeps the batch
            redeliveries.failedBatch();
            System.err.println(thread.getName() + ": batch " + number + " requeued after " + refused);
            requeue(lastTag);
            Thread.sleep(200);
            return;
        }
        switch (settings.forcing().end(number)) {
            case ACKNOWLEDGE -> waiting.add(new Waiting(channel, lastTag, batch.size(), barrier()));
            case CLOSE_BEFORE_ACK -> {
                redeliveries.closedBeforeAck(ids);
                closeChannel();
                open();
            }
            case REQUEUE -> {
                redeliveries.requeued(ids);
                requeue(lastTag);
            }
        }
    }

    private CounterAdd add(Click click) {
        CounterKey key = CounterKey.of(settings.namespace(), click.url());
        return settings.idempotent() ? CounterAdd.once(key, 1, click.id()) : CounterAdd.of(key, 1);
    }

    /** STRICT: durable when addAll returned. FAST: when every add acknowledged so far is written. */
    private CompletableFuture<Void> barrier() {
        return settings.mode() == ConsistencyMode.FAST
                ? counters.whenWritten().toCompletableFuture()
                : CompletableFuture.completedFuture(null);
    }

    /** Gives back every unacknowledged delivery up to {@code lastTag}: the waiting batches too. */
    private void requeue(long lastTag) throws IOException {
        channel.basicNack(lastTag, true, true);
        waiting.removeIf(batch -> batch.channel() == channel);
    }

    private void acknowledgeDurable() throws IOException {
        while (!waiting.isEmpty() && waiting.peek().durable().isDone()) {
            Waiting batch = waiting.poll();
            batch.durable().join(); // a failed barrier stops the consumer: the test reports it
            channel.basicAck(batch.lastTag(), true);
            events.acknowledged(batch.messages());
        }
    }

    private void awaitBarrier(Waiting batch) throws Exception {
        try {
            batch.durable().get(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("whenWritten() did not complete within " + BARRIER_TIMEOUT, e);
        }
    }

    private void open() throws IOException {
        Channel opened = connection.createChannel();
        opened.basicQos(settings.prefetch());
        opened.basicConsume(settings.queue(), false, (consumerTag, delivery) -> received(opened, delivery), tag -> {});
        channel = opened;
    }

    private void received(Channel from, Delivery delivery) {
        lastActivity = System.nanoTime();
        inbox.add(new Click(
                from,
                delivery.getEnvelope().getDeliveryTag(),
                delivery.getProperties().getMessageId(),
                new String(delivery.getBody(), StandardCharsets.UTF_8),
                delivery.getEnvelope().isRedeliver()));
    }

    /** Closes the channel without acknowledging: the broker redelivers what it had handed out. */
    private void closeChannel() {
        waiting.clear();
        inbox.clear();
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException alreadyClosing) {
                // the connection went away: the broker requeues all the same
            }
        }
    }
}
