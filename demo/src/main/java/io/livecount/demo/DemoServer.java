package io.livecount.demo;

import com.sun.net.httpserver.HttpServer;
import io.livecount.CounterService;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.ContainerLifecycleObserver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The running demo: a Weld SE container (which creates the {@link CounterService} through
 * livecount-cdi) and Jersey on the JDK HTTP server. {@link #close()} stops taking requests, then
 * stops the container, which writes every pending FAST click.
 *
 * <p>livecount-cdi reads its settings from system properties here, so one demo at a time runs in a
 * JVM; {@code close()} puts the previous values back.
 */
public final class DemoServer implements AutoCloseable {

    /** Request threads. The JDK server runs handlers on its one dispatcher thread without them. */
    static final int REQUEST_THREADS = 32;

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final DemoSettings settings;
    private final Map<String, String> previousProperties;
    private final WeldContainer container;
    private final HttpServer server;
    private final ExecutorService requestThreads;

    private DemoServer(
            DemoSettings settings,
            Map<String, String> previousProperties,
            WeldContainer container,
            HttpServer server,
            ExecutorService requestThreads) {
        this.settings = settings;
        this.previousProperties = previousProperties;
        this.container = container;
        this.server = server;
        this.requestThreads = requestThreads;
    }

    /** Starts the demo; a bad setting or an unreachable database fails here, with the reason. */
    public static DemoServer start(DemoSettings settings) {
        Map<String, String> previous = new HashMap<>();
        settings.livecountProperties().forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        WeldContainer container = null;
        try {
            Map<String, String> foreign = hideForeignSettings(settings);
            try {
                // Weld first: Jersey's CDI integration looks the running container up. The
                // CounterService is made (and the settings read) now, at CDI Startup.
                container = new Weld("livecount-demo-" + STARTED.incrementAndGet())
                        .skipShutdownHook() // close() stops HTTP first, then the container
                        .addContainerLifecycleObserver(
                                ContainerLifecycleObserver.afterBeanDiscovery(event -> event.addBean()
                                        .types(DemoSettings.class, Object.class)
                                        .createWith(context -> settings)))
                        .initialize();
            } finally {
                restore(foreign);
            }
            ResourceConfig application = ResourceConfig.forApplication(new DemoApplication());
            URI base = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
            HttpServer server = JdkHttpServerFactory.createHttpServer(base, application, false);
            ExecutorService threads = Executors.newFixedThreadPool(REQUEST_THREADS, named("livecount-demo-http-"));
            server.setExecutor(threads);
            server.start();
            return new DemoServer(settings, previous, container, server, threads);
        } catch (RuntimeException e) {
            if (container != null && container.isRunning()) {
                container.shutdown();
            }
            restore(previous);
            throw e;
        }
    }

    /** Where the demo answers, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("127.0.0.1")
                ? "localhost"
                : settings.host();
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    public DemoSettings settings() {
        return settings;
    }

    /** The application's counter service (for tests and the benchmark). */
    public CounterService counters() {
        return container.select(CounterService.class).get();
    }

    @Override
    public void close() {
        try {
            server.stop(0);
            requestThreads.shutdown();
        } finally {
            try {
                container.shutdown(); // disposes the CounterService: pending clicks are written
            } finally {
                restore(previousProperties);
            }
        }
    }

    /**
     * Clears the {@code livecount.*} system properties that are not the demo's (the benchmark's
     * {@code livecount.bench.results}, the tests' {@code livecount.test.servers}): livecount-cdi
     * refuses every key under {@code livecount.} it does not know. Returns them for {@link #restore}.
     */
    private static Map<String, String> hideForeignSettings(DemoSettings settings) {
        Map<String, String> hidden = new HashMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("livecount.") && !settings.livecountProperties().containsKey(key)) {
                hidden.put(key, System.clearProperty(key));
            }
        }
        return hidden;
    }

    private static void restore(Map<String, String> previous) {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
