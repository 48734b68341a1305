package io.livecount.it.servers;

/**
 * One configuration of the test application: where its settings are ({@code livecount.properties} or
 * MicroProfile Config's {@code META-INF/microprofile-config.properties}), which database it counts in,
 * and which cache holds its FAST counters.
 */
record Variant(Source source, Database database, Cache cache) {

    enum Source {
        /** {@code livecount.properties} in the WAR (WEB-INF/classes). */
        PROPERTIES("props", "Europe/Paris"),
        /** {@code META-INF/microprofile-config.properties} in the WAR. */
        MICROPROFILE("mp", "America/New_York");

        final String shortName;
        /** {@code livecount.zone} in this source: the service's zone tells which source was read. */
        final String zone;

        Source(String shortName, String zone) {
            this.shortName = shortName;
            this.zone = zone;
        }
    }

    enum Database {
        /** {@code livecount.datasource=java:comp/DefaultDataSource}: the server's default data source. */
        DEFAULT("default"),
        /** {@code livecount.datasource=java:global/jdbc/livecount}: MariaDB, defined by the WAR's web.xml. */
        MARIADB("mariadb"),
        /** {@code livecount.datasource=java:global/jdbc/livecount-pg}: PostgreSQL, defined by the WAR's web.xml. */
        POSTGRESQL("pg"),
        /** {@code livecount.persistence-unit=counters}: a unit over the default data source, by the server's JPA. */
        PERSISTENCE_UNIT("pu");

        final String shortName;

        Database(String shortName) {
            this.shortName = shortName;
        }
    }

    enum Cache {
        /** {@code livecount.cache=ehcache}: in the application's heap (livecount-cache-ehcache, in every WAR). */
        EHCACHE(""),
        /**
         * {@code livecount.cache=hazelcast}: an embedded member started from the WAR's {@code
         * hazelcast-livecount.yaml}, livecount-cache-hazelcast and Hazelcast in WEB-INF/lib.
         */
        HAZELCAST("-hz"),
        /** As {@link #HAZELCAST}, but the member joins the others of its WAR on this machine (TCP/IP). */
        HAZELCAST_CLUSTER("-hzc");

        final String suffix;

        Cache(String suffix) {
            this.suffix = suffix;
        }
    }

    static Variant of(Source source, Database database) {
        return new Variant(source, database, Cache.EHCACHE);
    }

    static Variant of(Source source, Database database, Cache cache) {
        return new Variant(source, database, cache);
    }

    /** Whether the WAR carries Hazelcast and starts a member of its own. */
    boolean embedsHazelcast() {
        return cache != Cache.EHCACHE;
    }

    /** The WAR's name and context root. */
    String name() {
        return "lc-" + source.shortName + "-" + database.shortName + cache.suffix;
    }

    @Override
    public String toString() {
        return name();
    }
}
