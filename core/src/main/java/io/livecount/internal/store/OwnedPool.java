package io.livecount.internal.store;

/**
 * The HikariCP pool Livecount builds from a JDBC URL and closes. HikariCP is an optional
 * dependency: nothing here loads its classes unless a JDBC URL is configured and it is present.
 */
public final class OwnedPool {

    /** The artifact a JDBC URL needs, as users write it in their build. */
    public static final String HIKARI_ARTIFACT = "com.zaxxer:HikariCP";

    static final boolean HIKARI_PRESENT = present("com.zaxxer.hikari.HikariDataSource");

    private OwnedPool() {}

    /**
     * A pool of at most {@code maxPoolSize} connections to {@code jdbcUrl}.
     *
     * @throws IllegalStateException naming the artifact if HikariCP is not on the class path
     */
    public static ConnectionSource open(String jdbcUrl, String username, String password, int maxPoolSize) {
        if (!HIKARI_PRESENT) {
            throw new IllegalStateException("a JDBC URL (" + jdbcUrl + ") needs HikariCP, which is not on the class"
                    + " path: add " + HIKARI_ARTIFACT + " to your dependencies, or give Livecount your own"
                    + " DataSource instead of a URL");
        }
        return HikariPools.open(jdbcUrl, username, password, maxPoolSize);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OwnedPool.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
