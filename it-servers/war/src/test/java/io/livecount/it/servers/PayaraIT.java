package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Cache.HAZELCAST;
import static io.livecount.it.servers.Variant.Database.DEFAULT;
import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Database.PERSISTENCE_UNIT;
import static io.livecount.it.servers.Variant.Database.POSTGRESQL;
import static io.livecount.it.servers.Variant.Source.MICROPROFILE;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Payara Micro 6.2025.10 (Jakarta EE 10; EclipseLink; MicroProfile Config; {@code
 * java:comp/DefaultDataSource} is an H2 file database in its root directory), HTTP on 127.0.0.1:18080,
 * Payara's own data grid off.
 */
class PayaraIT extends AbstractRuntimeIT {

    static final int PORT = 18080;

    @Override
    String runtime() {
        return "payara";
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
        return startMicro(runDir, PORT, wars);
    }

    /** Payara Micro on 127.0.0.1:{@code port} with {@code wars}, its files in {@code runDir}. */
    static ServerProcess startMicro(Path runDir, int port, List<Path> wars) throws Exception {
        // the HTTP listener on loopback only (Payara Micro has no option for its address), and no data
        // grid: with --nohazelcast alone, Payara's own Hazelcast still listens on every interface (6900)
        Path preBoot = Files.writeString(
                runDir.resolve("pre-boot-commands.txt"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n"
                        + "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false\n");
        Files.createDirectories(runDir.resolve("root"));
        Files.createDirectories(runDir.resolve("unpacked"));
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-jar",
                TestWars.serversDir().resolve("lib/payara-micro.jar").toString(),
                "--nocluster",
                "--nohazelcast",
                "--disablephonehome",
                "--port",
                String.valueOf(port),
                "--rootdir",
                runDir.resolve("root").toString(),
                "--unpackdir",
                runDir.resolve("unpacked").toString(),
                "--prebootcommandfile",
                preBoot.toString()));
        for (Path war : wars) {
            command.add("--deploy");
            command.add(war.toString());
        }
        return ServerProcess.start(command, runDir, Map.of(), runDir.resolve("server.log"));
    }

    @Override
    String jpaProvider() {
        return "org.eclipse.persistence";
    }

    @Override
    Pattern startedPattern() {
        return Pattern.compile("Payara Micro .* ready in|Deployment of .* failed|Failed to deploy");
    }

    @Override
    String apiUrl(Variant variant) {
        return "http://127.0.0.1:" + PORT + "/" + variant.name() + "/api";
    }
}
