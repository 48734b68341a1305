package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.demo.testing.RunningDemo;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Demo settings from flags and environment")
class DemoSettingsTest {

    @Test
    @DisplayName("default: H2 in ./demo-data, FAST on Ehcache, port 8080, a generated admin password")
    void defaults() {
        DemoSettings settings = DemoSettings.parse(new String[0], Map.of());

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:./demo-data/livecount");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.passwordGenerated()).isTrue();
        assertThat(settings.adminPassword()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(DemoSettings.parse(new String[0], Map.of()).adminPassword()).isNotEqualTo(settings.adminPassword());
        assertThat(settings.livecountProperties())
                .containsEntry("livecount.mode", "fast")
                .containsEntry("livecount.cache", "ehcache")
                .containsEntry("livecount.namespace.clicks.periods", "hour,day")
                .containsEntry("livecount.flush.backlog-policy", "fail-fast")
                .doesNotContainKey("livecount.cache.hazelcast.config-file");
        assertThat(settings.toString()).doesNotContain(settings.adminPassword());
    }

    @Test
    @DisplayName("flags override environment variables")
    void flagsOverEnvironment() {
        DemoSettings settings = DemoSettings.parse(
                new String[] {"--db", "postgresql", "--mode=strict"},
                Map.of(
                        "LIVECOUNT_DEMO_DB",
                        "mariadb",
                        "LIVECOUNT_DEMO_PORT",
                        "9090",
                        "LIVECOUNT_DEMO_ADMIN_PASSWORD",
                        "pw"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(settings.dbUser()).isEqualTo("postgres");
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.adminPassword()).isEqualTo("pw");
        assertThat(settings.livecountProperties())
                .containsEntry("livecount.mode", "strict")
                .containsEntry("livecount.cache", "none")
                .doesNotContainKey("livecount.flush.backlog-policy");
    }

    @Test
    @DisplayName("bad values are refused with the option named")
    void badValues() {
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--mode", "quick"}, Map.of()))
                .hasMessageContaining("--mode");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--db", "oracle"}, Map.of()))
                .hasMessageContaining("--db");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessageContaining("--colour");
    }

    @Test
    @DisplayName("--cache hazelcast: the shipped loopback member unless --hazelcast-config names a file")
    void hazelcastConfig() {
        DemoSettings byDefault = DemoSettings.parse(new String[] {"--cache", "hazelcast"}, Map.of());
        assertThat(byDefault.livecountProperties())
                .containsEntry("livecount.cache", "hazelcast")
                .containsEntry("livecount.cache.hazelcast.config-file", "classpath:livecount-demo-hazelcast.yaml");

        String file = testConfig();
        DemoSettings fromEnvironment = DemoSettings.parse(
                new String[] {"--cache", "hazelcast"}, Map.of("LIVECOUNT_DEMO_HAZELCAST_CONFIG", file));
        assertThat(fromEnvironment.livecountProperties()).containsEntry("livecount.cache.hazelcast.config-file", file);

        assertThat(DemoSettings.parse(new String[] {"--hazelcast-config", file}, Map.of())
                        .livecountProperties())
                .as("on Ehcache: livecount-cdi would refuse a setting of a provider it does not use")
                .doesNotContainKey("livecount.cache.hazelcast.config-file");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--hazelcast-config", "no-such.yaml"}, Map.of()))
                .hasMessageContaining("--hazelcast-config")
                .hasMessageContaining("no-such.yaml");
    }

    @Test
    @DisplayName("the shipped member configuration keeps the cluster livecount-demo on 127.0.0.1")
    void shippedHazelcastConfig() {
        // parsed only: a member on 5701 could join a demo running on this machine
        Config config =
                Config.loadFromClasspath(DemoSettingsTest.class.getClassLoader(), "livecount-demo-hazelcast.yaml");

        assertThat(config.getClusterName()).isEqualTo("livecount-demo");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isTrue();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
    }

    @Test
    @DisplayName("--cache hazelcast counts a /r click on an embedded member, writes it back, and stops the member")
    void countsOnHazelcast() {
        String target = "https://example.com/on-hazelcast";
        HazelcastInstance member;
        try (RunningDemo demo =
                RunningDemo.onH2Memory("demo-hazelcast", "--cache", "hazelcast", "--hazelcast-config", testConfig())) {
            CounterService counters = demo.server().counters();
            member = Hazelcast.getAllHazelcastInstances().stream() // the member the service's cache started
                    .filter(hz -> hz.getConfig().getClusterName().equals("livecount-demo-test"))
                    .findFirst()
                    .orElseThrow();
            assertThat(member.getConfig().getClusterName()).isEqualTo("livecount-demo-test");
            Address address = member.getCluster().getLocalMember().getAddress();
            assertThat(address.getHost()).isEqualTo("127.0.0.1");
            assertThat(address.getPort()).isBetween(5921, 5940);

            HttpResponse<String> response = demo.client().click(target);
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValue(target);
            assertThat(counters.get(CounterKey.of(DemoSettings.CLICKS, target))).isEqualTo(1);
            assertThat(demo.client().getAsAdmin("api/writeback").body()).contains("\"cache\":\"hazelcast\"");

            assertThat(demo.client().flushAsAdmin().statusCode()).isEqualTo(200);
            assertThat(demo.storedSum("ALL")).isEqualTo(1);
            assertThat(demo.storedSum("DAY")).isEqualTo(1);
            assertThat(demo.storedSum("HOUR")).isEqualTo(1);
        }
        assertThat(member.getLifecycleService().isRunning())
                .as("the member stops with the demo")
                .isFalse();
        assertThat(System.getProperty("livecount.cache"))
                .as("settings put back")
                .isNull();
    }

    /** The test's own member configuration, as a file (cluster livecount-demo-test, ports 5921 and up). */
    static String testConfig() {
        try {
            return Path.of(DemoSettingsTest.class
                            .getResource("/demo-test-hazelcast.yaml")
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
