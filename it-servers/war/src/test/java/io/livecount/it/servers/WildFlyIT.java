package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Cache.HAZELCAST;
import static io.livecount.it.servers.Variant.Database.DEFAULT;
import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Database.PERSISTENCE_UNIT;
import static io.livecount.it.servers.Variant.Database.POSTGRESQL;
import static io.livecount.it.servers.Variant.Source.MICROPROFILE;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * WildFly 39.0.1.Final, standalone.xml (Hibernate; MicroProfile Config; {@code ExampleDS}, in-memory
 * H2, is {@code java:comp/DefaultDataSource}), HTTP on 127.0.0.1:18180, management on 127.0.0.1:9990
 * (fixed: one WildFly at a time). A fresh copy of {@code standalone/} per run.
 */
class WildFlyIT extends AbstractRuntimeIT {

    static final int PORT = 18180;

    @Override
    String runtime() {
        return "wildfly";
    }

    @Override
    List<Variant> variants() {
        return List.of(
                Variant.of(PROPERTIES, DEFAULT),
                Variant.of(MICROPROFILE, MARIADB),
                Variant.of(PROPERTIES, PERSISTENCE_UNIT),
                Variant.of(PROPERTIES, POSTGRESQL),
                Variant.of(PROPERTIES, MARIADB, HAZELCAST));
    }

    @Override
    ServerProcess start(Path runDir, List<Path> wars) throws Exception {
        Path home = Path.of(System.getProperty("it.wildfly.home"));
        Path base = runDir.resolve("standalone");
        copyTree(home.resolve("standalone"), base);
        for (Path war : wars) {
            Files.copy(
                    war, base.resolve("deployments").resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + PORT,
                "-Djboss.https.port=18543");
        return ServerProcess.start(
                command,
                runDir,
                Map.of(
                        "JAVA_HOME",
                        javaHome(),
                        "JBOSS_PIDFILE",
                        runDir.resolve("wildfly.pid").toString()),
                runDir.resolve("server.log"));
    }

    @Override
    Pattern startedPattern() {
        return Pattern.compile("WFLYSRV0025|WFLYSRV0026");
    }

    @Override
    String apiUrl(Variant variant) {
        return "http://127.0.0.1:" + PORT + "/" + variant.name() + "/api";
    }

    /** WFLYRS0018: RESTEasy found Jackson annotations in the deployment and switched JSON-B off. */
    @Order(2)
    @Test
    void keepsJsonBinding() {
        assertThat(server).isNotNull();
        assertThat(server.logText()).doesNotContain("WFLYRS0018");
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
