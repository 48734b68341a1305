package io.livecount.demo;

import java.util.concurrent.CountDownLatch;

/** {@code demo/run}: starts the demo, prints where it answers and how to log in, runs until Ctrl-C. */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) throws InterruptedException {
        DemoSettings settings;
        try {
            settings = DemoSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().equals(DemoSettings.USAGE);
            (help ? System.out : System.err).println(e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        DemoLogging.configure(settings.verbose());
        DemoServer demo;
        try {
            demo = DemoServer.start(settings);
        } catch (HttpServer.PortInUseException e) {
            System.err.println("The demo did not start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("The demo did not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close(); // writes the clicks still pending in FAST mode
            stopped.countDown();
        }));
        System.out.println();
        System.out.println("Livecount demo is running: " + demo.uri());
        System.out.println("  try a counted link:  " + demo.uri() + "r?u=" + demo.uri() + "hello");
        System.out.println("  admin page:          " + demo.uri() + "admin");
        System.out.println("  admin user:          " + settings.adminUser());
        System.out.println("  admin password:      "
                + (settings.passwordGenerated()
                        ? settings.adminPassword() + "   (generated; set LIVECOUNT_DEMO_ADMIN_PASSWORD to choose one)"
                        : "from LIVECOUNT_DEMO_ADMIN_PASSWORD"));
        System.out.println("  database:            " + settings.jdbcUrl() + "   mode " + settings.mode()
                + (settings.mode().equals("fast") ? ", cache " + settings.cache() : "")
                + (settings.usesHazelcast() ? " (" + settings.hazelcastConfig() + ")" : ""));
        System.out.println("Stop with Ctrl-C.");
        stopped.await();
    }

    /** The innermost message: livecount-cdi's, which names the setting and value at fault. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        StringBuilder chain = new StringBuilder(String.valueOf(e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            chain.append("\n  caused by: ").append(cause.getMessage());
        }
        return chain.toString();
    }
}
