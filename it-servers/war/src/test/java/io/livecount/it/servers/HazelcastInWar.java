package io.livecount.it.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a WAR with {@code livecount.cache=hazelcast} carries besides the settings: livecount-cache-hazelcast
 * and Hazelcast in WEB-INF/lib, the member's configuration, and what two servers need so that the
 * WAR's Hazelcast is the one used and the application's JSON stays JSON-B.
 */
final class HazelcastInWar {

    private HazelcastInWar() {}

    /** The settings lines of the cache. */
    static String settings() {
        return "livecount.cache=hazelcast\n"
                + "livecount.cache.hazelcast.config-file=classpath:hazelcast-livecount.yaml\n";
    }

    static void addFiles(Variant variant, Map<String, byte[]> added) throws IOException {
        added.put("WEB-INF/classes/hazelcast-livecount.yaml", utf8(memberYaml(variant)));
        added.put("WEB-INF/payara-web.xml", utf8(payaraWebXml()));
        added.put("WEB-INF/lib/livecount-cache-hazelcast.jar", Files.readAllBytes(providerJar()));
        added.put(
                "WEB-INF/lib/hazelcast.jar",
                Files.readAllBytes(TestWars.serversDir().resolve("lib/hazelcast.jar")));
    }

    /** livecount-cache-hazelcast's jar of this build (the module is built before this one). */
    static Path providerJar() {
        return Path.of(System.getProperty(
                "it.hazelcast.cache.jar", "../../cache-hazelcast/target/livecount-cache-hazelcast-0.1.0-SNAPSHOT.jar"));
    }

    /**
     * WildFly: Hazelcast's jar uses Jackson annotations, so RESTEasy would switch the whole
     * deployment from JSON-B to Jackson (WFLYRS0018) unless told otherwise.
     */
    static String webXmlElements() {
        return """
                  <!-- WildFly: keep JSON-B although Hazelcast's jar uses Jackson annotations -->
                  <context-param>
                    <param-name>resteasy.preferJacksonOverJsonB</param-name>
                    <param-value>false</param-value>
                  </context-param>
                """;
    }

    /**
     * Payara Micro has Hazelcast of its own on the class path of every application, even with
     * {@code --nohazelcast}: the WAR's classes must come first, or a member starts on a mix of both
     * versions and fails ({@code NoSuchMethodError}).
     */
    static String payaraWebXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <payara-web-app>
                  <class-loader delegate="false"/>
                </payara-web-app>
                """;
    }

    /** The first port of the members of {@link Variant.Cache#HAZELCAST_CLUSTER} WARs. */
    static final int CLUSTER_PORT = 5960;

    /**
     * On loopback, without Hazelcast's shutdown hook (the container's stop closes the service
     * before the member stops): a member of its own for {@link Variant.Cache#HAZELCAST} (one per
     * deployment), or one that joins the other members of the WAR on this machine over TCP/IP for
     * {@link Variant.Cache#HAZELCAST_CLUSTER}.
     */
    static String memberYaml(Variant variant) {
        boolean cluster = variant.cache() == Variant.Cache.HAZELCAST_CLUSTER;
        int port = cluster ? CLUSTER_PORT : 5950;
        String tcpIp = cluster ? """
                      tcp-ip:
                        enabled: true
                        member-list:
                          - 127.0.0.1:%d
                          - 127.0.0.1:%d
                          - 127.0.0.1:%d
                """.formatted(CLUSTER_PORT, CLUSTER_PORT + 1, CLUSTER_PORT + 2) : """
                      tcp-ip:
                        enabled: false
                """;
        return """
                hazelcast:
                  cluster-name: %s
                  properties:
                    hazelcast.shutdownhook.enabled: false
                    hazelcast.phone.home.enabled: false
                    hazelcast.socket.bind.any: false
                    hazelcast.wait.seconds.before.join: 0
                  network:
                    port:
                      port: %d
                      auto-increment: true
                      port-count: %d
                    interfaces:
                      enabled: true
                      interfaces:
                        - 127.0.0.1
                    join:
                      auto-detection:
                        enabled: false
                      multicast:
                        enabled: false
                """.formatted(variant.name() + "-" + ProcessHandle.current().pid(), port, cluster ? 3 : 10) + tcpIp;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
