package io.livecount.demo;

import io.livecount.CounterService;
import io.livecount.demo.clicks.Clicks;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.ContainerLifecycleObserver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The running demo: a Weld SE container (which creates the {@link CounterService} through
 * livecount-cdi) and Jersey on Jetty ({@link HttpServer}, which holds the limits), with the clicks
 * answered in Jetty before Jersey ({@link ClickPath}). {@link #close()}
 * stops taking requests and lets those in flight finish, then stops the container, which writes
 * every pending FAST click.
 *
 * <p>livecount-cdi reads its settings from system properties here, so one demo at a time runs in a
 * JVM; {@code close()} puts the previous values back.
 */
public final class DemoServer implements AutoCloseable {

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final DemoSettings settings;
    private final Map<String, String> previousProperties;
    private final WeldContainer container;
    private final HttpServer server;

    private DemoServer(
            DemoSettings settings, Map<String, String> previousProperties, WeldContainer container, HttpServer server) {
        this.settings = settings;
        this.previousProperties = previousProperties;
        this.container = container;
        this.server = server;
    }

    /**
     * Starts the demo; a port in use ({@link HttpServer.PortInUseException}, before anything else
     * starts), a bad setting or an unreachable database fails here, with the reason.
     */
    public static DemoServer start(DemoSettings settings) {
        HttpServer server = HttpServer.bind(settings.host(), settings.port());
        Map<String, String> previous = new HashMap<>();
        settings.livecountProperties().forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        WeldContainer container = null;
        try {
            container = startContainer(settings);
            server.start(
                    new ClickPath(
                            container.select(Clicks.class).get(),
                            !settings.mode().equals("fast") || settings.usesHazelcast()),
                    ContainerFactory.createContainer(JettyHttpContainer.class, application()));
            return new DemoServer(settings, previous, container, server);
        } catch (RuntimeException e) {
            server.stop();
            if (container != null && container.isRunning()) {
                container.shutdown();
            }
            restore(previous);
            throw e;
        }
    }

    /**
     * Weld first: Jersey's CDI integration looks the running container up. The CounterService is
     * made (and the settings read) now, at CDI Startup.
     */
    private static WeldContainer startContainer(DemoSettings settings) {
        Map<String, String> foreign = hideForeignSettings(settings);
        try {
            return new Weld("livecount-demo-" + STARTED.incrementAndGet())
                    .skipShutdownHook() // close() stops HTTP first, then the container
                    .addContainerLifecycleObserver(
                            ContainerLifecycleObserver.afterBeanDiscovery(event -> event.addBean()
                                    .types(DemoSettings.class, Object.class)
                                    .createWith(context -> settings)))
                    .initialize();
        } finally {
            restore(foreign);
        }
    }

    /** Every resource and filter, as {@link DemoApplication} lists them for servers too, and the client's address. */
    private static ResourceConfig application() {
        return ResourceConfig.forApplication(new DemoApplication()).register(ClientAddress.class);
    }

    /** Where the demo answers, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("127.0.0.1")
                ? "localhost"
                : settings.host();
        return URI.create("http://" + host + ":" + server.port() + "/");
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
            server.stop(); // waits for the requests in flight: their clicks are in the cache
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
}
