package io.livecount.it.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one test application ({@code it.war}: livecount-cdi + core + cache-ehcache and the resource),
 * configured per {@link Variant} by adding only the files a user writes: a settings file, and for
 * MariaDB or PostgreSQL a {@code web.xml} {@code <data-source>} with the driver in WEB-INF/lib, for the
 * persistence unit a {@code persistence.xml}.
 */
final class TestWars {

    static final String DATABASE = System.getProperty("livecount.test.database", "test");
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/" + DATABASE;
    /** The application's own database user, with a password as in production (Payara requires one). */
    static final String MARIADB_USER = "livecount_it";

    /** The password of the application's database users. */
    static final String PASSWORD = "it-secret";

    static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    /**
     * The local PostgreSQL trusts loopback: the password is not checked, but given as in production
     * (Payara requires one).
     */
    static final String POSTGRESQL_USER = "postgres";

    private TestWars() {}

    static Path baseWar() {
        return Path.of(System.getProperty("it.war", "target/livecount-it-app.war"));
    }

    static Path serversDir() {
        return Path.of(System.getProperty("it.servers.dir", "target/servers"));
    }

    /** The settings of {@code variant}, as a user writes them (either file has the same keys). */
    static String settings(Variant variant, String datasourceForDefault) {
        String database =
                switch (variant.database()) {
                    case DEFAULT -> "livecount.datasource=" + datasourceForDefault;
                    case MARIADB, POSTGRESQL -> "livecount.datasource=" + dataSourceName(variant);
                    case PERSISTENCE_UNIT -> "livecount.persistence-unit=counters";
                };
        return "# the test application's settings (" + variant.name() + ")\n"
                + database + "\n"
                + "livecount.mode=fast\n"
                + cacheSettings(variant)
                + "livecount.namespace.orders.mode=strict\n"
                + "livecount.namespace.orders.periods=hour,day\n"
                // FAST deltas stay in the cache until a flush or the service's close: the shutdown check
                // finds them in the table only if the disposer closed the service
                + "livecount.flush.max-delay=1h\n"
                + "livecount.zone=" + variant.source().zone + "\n";
    }

    /** The JNDI name of the data source a WAR defines: one per application, as java:global is shared. */
    static String dataSourceName(Variant variant) {
        return "java:global/jdbc/" + variant.name();
    }

    private static String cacheSettings(Variant variant) {
        return switch (variant.cache()) {
            case EHCACHE -> "livecount.cache=ehcache\n";
            case HAZELCAST, HAZELCAST_CLUSTER -> HazelcastInWar.settings();
        };
    }

    /** Creates the application's database user (as root, on the local MariaDB) unless it exists. */
    static void ensureDatabaseUser() throws java.sql.SQLException {
        try (java.sql.Connection root = java.sql.DriverManager.getConnection(MARIADB_URL, "root", "");
                java.sql.Statement sql = root.createStatement()) {
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                String user = "'" + MARIADB_USER + "'@'" + host + "'";
                sql.execute("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED BY '" + PASSWORD + "'");
                sql.execute("GRANT ALL PRIVILEGES ON `" + DATABASE + "`.* TO " + user);
            }
        }
    }

    static Path build(Variant variant, Path dir, boolean driverInWar) throws IOException {
        Map<String, byte[]> added = new LinkedHashMap<>();
        String settings = settings(variant, "java:comp/DefaultDataSource");
        switch (variant.source()) {
            case PROPERTIES -> added.put("WEB-INF/classes/livecount.properties", utf8(settings));
            case MICROPROFILE -> added.put("WEB-INF/classes/META-INF/microprofile-config.properties", utf8(settings));
        }
        if (variant.embedsHazelcast()) {
            HazelcastInWar.addFiles(variant, added);
        }
        switch (variant.database()) {
            case DEFAULT -> {}
            case MARIADB -> {
                try {
                    ensureDatabaseUser();
                } catch (java.sql.SQLException e) {
                    throw new IOException("cannot create the application's MariaDB user: " + e, e);
                }
                added.put(
                        "WEB-INF/web.xml",
                        utf8(webXmlWithDataSource(
                                variant,
                                "org.mariadb.jdbc.MariaDbDataSource",
                                MARIADB_URL,
                                MARIADB_USER,
                                "the application's own MariaDB data source (JTA), the driver in WEB-INF/lib")));
                addDriver(added, "mariadb-java-client.jar", driverInWar);
            }
            case POSTGRESQL -> {
                added.put(
                        "WEB-INF/web.xml",
                        utf8(webXmlWithDataSource(
                                variant,
                                "org.postgresql.ds.PGSimpleDataSource",
                                POSTGRESQL_URL,
                                POSTGRESQL_USER,
                                "the application's own PostgreSQL data source (JTA), the driver in WEB-INF/lib")));
                addDriver(added, "postgresql.jar", driverInWar);
            }
            case PERSISTENCE_UNIT -> {
                added.put("WEB-INF/classes/META-INF/persistence.xml", utf8(persistenceXml()));
                added.put("WEB-INF/web.xml", utf8(webXmlWithUnitRef()));
            }
        }
        Files.createDirectories(dir);
        Path war = dir.resolve(variant.name() + ".war");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(baseWar()));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (added.containsKey(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> file : added.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return war;
    }

    private static void addDriver(Map<String, byte[]> added, String jar, boolean driverInWar) throws IOException {
        if (driverInWar) {
            added.put(
                    "WEB-INF/lib/" + jar,
                    Files.readAllBytes(serversDir().resolve("lib").resolve(jar)));
        }
    }

    static String webXmlWithDataSource(
            Variant variant, String dataSourceClass, String url, String user, String comment) {
        String extras = variant.embedsHazelcast() ? HazelcastInWar.webXmlElements() : "";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                  <!-- %s -->
                  <data-source>
                    <name>%s</name>
                    <class-name>%s</class-name>
                    <url>%s</url>
                    <user>%s</user>
                    <password>%s</password>
                    <transactional>true</transactional>
                  </data-source>
                %s</web-app>
                """.formatted(comment, dataSourceName(variant), dataSourceClass, url, user, PASSWORD, extras);
    }

    /** Where a server's JNDI has java:comp/env, the unit is looked up there: the reference a user adds. */
    static String webXmlWithUnitRef() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                  <persistence-unit-ref>
                    <persistence-unit-ref-name>persistence/counters</persistence-unit-ref-name>
                    <persistence-unit-name>counters</persistence-unit-name>
                  </persistence-unit-ref>
                </web-app>
                """;
    }

    static String persistenceXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xsi:schemaLocation="https://jakarta.ee/xml/ns/persistence https://jakarta.ee/xml/ns/persistence/persistence_3_0.xsd"
                             version="3.0">
                  <!-- the server's JPA provider, over its default data source -->
                  <persistence-unit name="counters" transaction-type="JTA">
                    <jta-data-source>java:comp/DefaultDataSource</jta-data-source>
                    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                  </persistence-unit>
                </persistence>
                """;
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
