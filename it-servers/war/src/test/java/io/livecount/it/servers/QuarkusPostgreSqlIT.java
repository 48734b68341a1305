package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Database.POSTGRESQL;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link QuarkusIT} on PostgreSQL: Quarkus fixes a datasource's kind when it builds the application,
 * so this is the second build of module it-servers/quarkus (its {@code pg} profile, in {@code
 * target/quarkus-app-pg}), run with that profile. The PostgreSQL upsert binds its rows as arrays made
 * by the connection ({@code Connection.createArrayOf}), here Agroal's wrapper of the driver's.
 */
class QuarkusPostgreSqlIT extends QuarkusIT {

    @Override
    String configuration() {
        return "postgresql";
    }

    @Override
    List<Variant> variants() {
        return List.of(Variant.of(PROPERTIES, POSTGRESQL));
    }

    @Override
    Path app() {
        return Path.of(System.getProperty("it.quarkus.app.pg", "../quarkus/target/quarkus-app-pg"));
    }

    @Override
    List<String> databaseOptions() {
        return List.of("-Dquarkus.profile=pg", "-Dquarkus.datasource.jdbc.url=" + TestWars.POSTGRESQL_URL);
    }
}
