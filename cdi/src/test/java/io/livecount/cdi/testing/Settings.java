package io.livecount.cdi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** The {@code livecount.*} system properties and class path files a test's container starts with. */
public final class Settings {

    private Settings() {}

    /** A Weld SE container (discovery on) that will read exactly {@code settings}. */
    public static Weld weldWith(Map<String, String> settings) {
        replaceWith(settings);
        return new Weld();
    }

    /** Removes every {@code livecount.*} system property, then sets {@code settings}. */
    public static void replaceWith(Map<String, String> settings) {
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("livecount."))
                .forEach(System::clearProperty);
        settings.forEach(System::setProperty);
    }

    /**
     * Runs {@code work} with {@code files} (path in the class path → content) written to {@code
     * folder} and that folder added to the context class loader, as an application's files would be.
     */
    public static <T> T withClassPathFiles(Path folder, Map<String, String> files, Callable<T> work) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            try {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {folder.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Starts a container on {@code settings} and stops it; returns what start-up threw, or null. */
    public static Throwable startFailure(Map<String, String> settings) {
        try (WeldContainer container = weldWith(settings).initialize()) {
            container.isRunning();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Every message of the chain: containers wrap the producer's exception. */
    public static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
