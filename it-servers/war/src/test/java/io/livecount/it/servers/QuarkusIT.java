package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Quarkus 3.33.2, JVM mode ({@code quarkus-app/quarkus-run.jar} of module it-servers/quarkus): the
 * WAR's resource on ArC, Narayana and Agroal, the default datasource on MariaDB ({@code
 * livecount.datasource=cdi}; Quarkus has no JNDI). Settings from the application's {@code
 * livecount.properties}; HTTP on 127.0.0.1:18380.
 */
class QuarkusIT extends AbstractRuntimeIT {

    static final int PORT = 18380;

    @Override
    String runtime() {
        return "quarkus";
    }

    @Override
    List<Variant> variants() {
        return List.of(Variant.of(PROPERTIES, MARIADB));
    }

    /** The application's fast-jar folder: the build of module it-servers/quarkus for this class's database. */
    Path app() {
        return Path.of(System.getProperty("it.quarkus.app", "../quarkus/target/quarkus-app"));
    }

    /**
     * What the command line adds to the application's configuration for its database: the URL (the
     * test database), and for another build than the default one, its profile.
     */
    List<String> databaseOptions() {
        return List.of("-Dquarkus.datasource.jdbc.url=" + TestWars.MARIADB_URL);
    }

    @Override
    List<Path> artifacts(Path dir) {
        return List.of(app());
    }

    @Override
    long deployedBytes() throws IOException {
        try (Stream<Path> files = Files.walk(app())) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    /** Before the start: write what this configuration adds in the working directory. */
    void prepare(Path runDir) throws IOException {}

    @Override
    ServerProcess start(Path runDir, List<Path> apps) throws Exception {
        prepare(runDir);
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(databaseOptions());
        command.addAll(List.of(
                "-Dquarkus.http.port=" + PORT,
                "-jar",
                app().resolve("quarkus-run.jar").toAbsolutePath().toString()));
        return ServerProcess.start(command, runDir, Map.of(), runDir.resolve("server.log"));
    }

    /**
     * ArC removes unused beans (73 in this application when nothing disables it); an {@code @Any
     * Instance<Object>} injection point in a library switches that off for the whole application (0).
     */
    @Order(2)
    @Test
    void keepsRemovingUnusedBeans() throws Exception {
        var response = get("http://127.0.0.1:" + PORT + "/api/arc/removed-beans");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        System.out.println("[it-servers] quarkus/" + configuration() + " removed_beans=" + response.body());
        assertThat(Integer.parseInt(response.body().strip()))
                .as("beans removed by ArC")
                .isPositive();
    }

    @Override
    Pattern startedPattern() {
        return Pattern.compile("Listening on|Failed to start");
    }

    @Override
    String apiUrl(Variant variant) {
        return "http://127.0.0.1:" + PORT + "/api";
    }
}
