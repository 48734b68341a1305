package io.livecount.demo;

import io.livecount.demo.clicks.AllowList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the demo runs: from command-line flags over environment variables over defaults. Every flag
 * {@code --some-name} has the variable {@code LIVECOUNT_DEMO_SOME_NAME}; the admin password is an
 * environment variable only (a flag would show it in {@code ps}).
 *
 * @param host the address the HTTP server binds to
 * @param port its port (0: any free port)
 * @param database what {@code --db} said: h2, mariadb, mysql, postgresql or a JDBC URL
 * @param jdbcUrl the JDBC URL it resolves to
 * @param mode {@code fast} or {@code strict}
 * @param cache the cache provider's name for FAST mode
 * @param hazelcastConfig the member configuration of {@code --cache hazelcast}: a file, or {@code
 *     classpath:} and a resource
 * @param allowList the hosts {@code /r} redirects to
 * @param passwordGenerated whether the admin password was made up at start-up (and must be printed)
 * @param verbose whether start-up and server logs below warnings are shown
 */
public record DemoSettings(
        String host,
        int port,
        String database,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String mode,
        String cache,
        String hazelcastConfig,
        AllowList allowList,
        String adminUser,
        String adminPassword,
        boolean passwordGenerated,
        boolean verbose) {

    /** The one namespace the demo counts in. */
    public static final String CLICKS = "clicks";

    /** Default of {@code --allow}: the demo's own host and the documentation domains. */
    public static final String DEFAULT_ALLOW =
            "localhost,127.0.0.1,example.com,*.example.com,example.org,*.example.org";

    /** Default of {@code --db h2}: a file under the working directory, kept between runs. */
    public static final String H2_FILE_URL = "jdbc:h2:./demo-data/livecount";

    /**
     * Default of {@code --hazelcast-config}: the embedded member of a loopback-only cluster, so that
     * demos started on one machine form one cluster and nothing else joins it.
     */
    public static final String DEMO_HAZELCAST_CONFIG = "classpath:livecount-demo-hazelcast.yaml";

    private static final List<String> FLAGS = List.of(
            "host",
            "port",
            "db",
            "db-user",
            "db-password",
            "mode",
            "cache",
            "hazelcast-config",
            "allow",
            "admin-user",
            "verbose",
            "help");

    /** Thrown for a bad flag or value; the message is for the user. */
    public static final class BadSettingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadSettingException(String message) {
            super(message);
        }
    }

    /**
     * What {@code --help} prints. A resource, not a string here: {@code demo/run --help} prints the
     * same file without building anything first.
     */
    public static final String USAGE = usage();

    /** Reads {@code args} over {@code env}; throws {@link BadSettingException} naming the problem. */
    public static DemoSettings parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        FLAGS.forEach(flag -> {
            String fromEnv = env.get("LIVECOUNT_DEMO_" + flag.replace('-', '_').toUpperCase(Locale.ROOT));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(flag, fromEnv.strip());
            }
        });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new BadSettingException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String flag = arg.substring(2, equals > 0 ? equals : arg.length());
            if (!FLAGS.contains(flag)) {
                throw new BadSettingException("unknown option '--" + flag + "'");
            }
            if (flag.equals("help") || flag.equals("verbose")) {
                values.put(flag, "true");
            } else if (equals > 0) {
                values.put(flag, arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                values.put(flag, args[++i]);
            } else {
                throw new BadSettingException("--" + flag + " needs a value");
            }
        }
        if (values.containsKey("help")) {
            throw new BadSettingException(USAGE);
        }
        return resolve(values, env.get("LIVECOUNT_DEMO_ADMIN_PASSWORD"));
    }

    private static DemoSettings resolve(Map<String, String> values, String adminPassword) {
        String database = values.getOrDefault("db", "h2");
        String[] server =
                switch (database) {
                    case "h2" -> new String[] {H2_FILE_URL, "sa"};
                    case "mariadb" -> new String[] {"jdbc:mariadb://127.0.0.1:3306/test", "root"};
                    case "mysql" -> new String[] {"jdbc:mysql://127.0.0.1:3306/test?sslMode=DISABLED", "root"};
                    case "postgresql" -> new String[] {"jdbc:postgresql://127.0.0.1:5432/test", "postgres"};
                    default -> {
                        if (!database.startsWith("jdbc:")) {
                            throw new BadSettingException(
                                    "--db takes h2, mariadb, mysql, postgresql or a JDBC URL, got '" + database + "'");
                        }
                        yield new String[] {database, database.startsWith("jdbc:h2:") ? "sa" : ""};
                    }
                };
        String mode = oneOf("mode", values.getOrDefault("mode", "fast"), "fast", "strict");
        // Any name is passed on: livecount-cdi refuses a provider that is not on the class path
        // with a message listing the ones that are.
        String cache = values.getOrDefault("cache", "ehcache").toLowerCase(Locale.ROOT);
        String hazelcastConfig = hazelcastConfig(values.get("hazelcast-config"));
        boolean generated = adminPassword == null || adminPassword.isEmpty();
        return new DemoSettings(
                values.getOrDefault("host", "127.0.0.1"),
                port(values.getOrDefault("port", "8080")),
                database,
                server[0],
                values.getOrDefault("db-user", server[1]),
                values.getOrDefault("db-password", ""),
                mode,
                cache,
                hazelcastConfig,
                AllowList.parse(values.getOrDefault("allow", DEFAULT_ALLOW)),
                values.getOrDefault("admin-user", "admin"),
                generated ? generatePassword() : adminPassword,
                generated,
                Boolean.parseBoolean(values.getOrDefault("verbose", "false")));
    }

    /**
     * The {@code livecount.*} settings livecount-cdi reads (as system properties): the database,
     * the mode, the cache (with its member configuration on Hazelcast), hour and day buckets for
     * {@value #CLICKS}, and in FAST mode a write-back backlog that refuses adds when full.
     */
    public Map<String, String> livecountProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("livecount.jdbc.url", jdbcUrl);
        properties.put("livecount.jdbc.username", dbUser);
        properties.put("livecount.jdbc.password", dbPassword);
        properties.put("livecount.mode", mode);
        // STRICT needs no cache; a provider configured anyway would only hold stale reads.
        properties.put("livecount.cache", mode.equals("fast") ? cache : "none");
        if (usesHazelcast()) {
            // only then: livecount-cdi refuses settings of a provider it does not use
            properties.put("livecount.cache.hazelcast.config-file", hazelcastConfig);
        }
        properties.put("livecount.namespace." + CLICKS + ".periods", "hour,day");
        if (mode.equals("fast")) {
            // A click the write-back cannot take any more (the database down for long) gets 503 at
            // once: waiting would hold the thread that answers clicks, and every client behind it.
            properties.put("livecount.flush.backlog-policy", "fail-fast");
        }
        return properties;
    }

    /** Whether the demo runs an embedded Hazelcast member (FAST mode on {@code --cache hazelcast}). */
    public boolean usesHazelcast() {
        return mode.equals("fast") && cache.equals("hazelcast");
    }

    /** The namespaces the admin page offers: Livecount has no call that lists namespaces. */
    public List<String> namespaces() {
        return List.of(CLICKS);
    }

    @Override
    public String toString() { // never the passwords
        return "DemoSettings[" + host + ":" + port + ", db=" + jdbcUrl + ", mode=" + mode + ", cache=" + cache
                + (usesHazelcast() ? " (" + hazelcastConfig + ")" : "") + ", allow=" + allowList + ", admin="
                + adminUser + "]";
    }

    private static String oneOf(String flag, String value, String... allowed) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(lower)) {
            throw new BadSettingException(
                    "--" + flag + " takes " + String.join(" or ", allowed) + ", got '" + value + "'");
        }
        return lower;
    }

    /** A file given must exist: checked here, so that the message names the option. */
    private static String hazelcastConfig(String value) {
        if (value == null) {
            return DEMO_HAZELCAST_CONFIG;
        }
        try {
            if (value.startsWith("classpath:") || Files.isRegularFile(Path.of(value))) {
                return value;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new BadSettingException(
                "--hazelcast-config takes an XML or YAML file, or classpath:<resource>; no file '" + value + "'");
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadSettingException("--port takes 0 to 65535, got '" + value + "'");
    }

    private static String usage() {
        try (InputStream in = DemoSettings.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
