package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Source.MICROPROFILE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link QuarkusIT} with the settings in MicroProfile Config: {@code config/application.properties}
 * of the working directory (a source Quarkus reads at run time), over the application's
 * {@code livecount.properties}.
 */
class QuarkusMpConfigIT extends QuarkusIT {

    @Override
    String configuration() {
        return "mpConfig";
    }

    @Override
    List<Variant> variants() {
        return List.of(Variant.of(MICROPROFILE, MARIADB));
    }

    @Override
    void prepare(Path runDir) throws IOException {
        Path config = Files.createDirectories(runDir.resolve("config"));
        Variant variant = variants().get(0);
        Files.writeString(
                config.resolve("application.properties"),
                TestWars.settings(variant, "cdi").replace(TestWars.dataSourceName(variant), "cdi"));
    }
}
