package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Cache.HAZELCAST;
import static io.livecount.it.servers.Variant.Database.DEFAULT;
import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Database.PERSISTENCE_UNIT;
import static io.livecount.it.servers.Variant.Database.POSTGRESQL;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Open Liberty 26.0.0.3 (the full runtime, installed by liberty-maven-plugin), {@code webProfile-10.0}
 * without MicroProfile Config: {@code livecount.properties} is the only settings file. Started with
 * {@code bin/server run}, HTTP on 127.0.0.1:18280. {@code DefaultDataSource} is in-memory H2, declared
 * in server.xml. JPA is EclipseLink.
 */
class LibertyIT extends AbstractRuntimeIT {

    static final int PORT = 18280;
    static final String SERVER = "livecount-it";

    @Override
    String runtime() {
        return "liberty";
    }

    @Override
    List<Variant> variants() {
        return List.of(
                Variant.of(PROPERTIES, DEFAULT),
                Variant.of(PROPERTIES, MARIADB),
                Variant.of(PROPERTIES, PERSISTENCE_UNIT),
                Variant.of(PROPERTIES, POSTGRESQL),
                Variant.of(PROPERTIES, MARIADB, HAZELCAST));
    }

    /** The features besides webProfile-10.0. */
    List<String> extraFeatures() {
        return List.of();
    }

    @Override
    ServerProcess start(Path runDir, List<Path> wars) throws Exception {
        Path wlp = Path.of(System.getProperty("it.liberty.home"));
        Path serverDir = wlp.resolve("usr/servers").resolve(SERVER);
        for (String old : List.of("apps", "logs", "workarea", "dropins")) {
            deleteRecursively(serverDir.resolve(old));
        }
        Files.createDirectories(serverDir.resolve("apps"));
        Path jdbc = Files.createDirectories(wlp.resolve("usr/shared/resources/jdbc"));
        for (String driver : List.of("h2.jar", "mariadb-java-client.jar", "postgresql.jar")) {
            Files.copy(
                    TestWars.serversDir().resolve("lib").resolve(driver),
                    jdbc.resolve(driver),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path war : wars) {
            Files.copy(war, serverDir.resolve("apps").resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(serverDir.resolve("server.xml"), serverXml(wars));
        return ServerProcess.start(
                List.of(wlp.resolve("bin/server").toString(), "run", SERVER, "--clean"),
                runDir,
                Map.of("JAVA_HOME", javaHome()),
                runDir.resolve("server.log"));
    }

    String serverXml(List<Path> wars) {
        String features = extraFeatures().stream()
                .map(f -> "    <feature>" + f + "</feature>\n")
                .collect(Collectors.joining());
        String apps = wars.stream()
                .map(w -> {
                    String name = w.getFileName().toString().replace(".war", "");
                    return "  <webApplication location=\"" + name + ".war\" contextRoot=\"/" + name + "\">\n"
                            + "    <classloader commonLibraryRef=\"drivers\"/>\n"
                            + "  </webApplication>\n";
                })
                .collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="Livecount integration tests">
                  <featureManager>
                    <feature>webProfile-10.0</feature>
                %s  </featureManager>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                  <!-- java:comp/DefaultDataSource: Liberty has none unless declared -->
                  <library id="h2">
                    <fileset dir="${shared.resource.dir}/jdbc" includes="h2.jar"/>
                  </library>
                  <!-- the drivers of the data sources that the WARs' web.xml define (java:global/jdbc/livecount*) -->
                  <library id="drivers">
                    <fileset dir="${shared.resource.dir}/jdbc" includes="mariadb-java-client.jar postgresql.jar"/>
                  </library>
                  <dataSource id="DefaultDataSource">
                    <jdbcDriver libraryRef="h2" javax.sql.XADataSource="org.h2.jdbcx.JdbcDataSource"/>
                    <properties URL="jdbc:h2:mem:livecount;DB_CLOSE_DELAY=-1"/>
                  </dataSource>
                %s</server>
                """.formatted(features, PORT, apps);
    }

    /** Liberty loads an application-defined data source's driver from a shared library only. */
    @Override
    boolean driverInWar() {
        return false;
    }

    @Override
    String jpaProvider() {
        return "org.eclipse.persistence";
    }

    @Override
    Pattern startedPattern() {
        return Pattern.compile("CWWKF0011I|CWWKE0005E");
    }

    @Override
    String apiUrl(Variant variant) {
        return "http://127.0.0.1:" + PORT + "/" + variant.name() + "/api";
    }
}
