package io.livecount.it.servers;

import static io.livecount.it.servers.Variant.Database.DEFAULT;
import static io.livecount.it.servers.Variant.Database.MARIADB;
import static io.livecount.it.servers.Variant.Source.MICROPROFILE;
import static io.livecount.it.servers.Variant.Source.PROPERTIES;

import java.util.List;

/** Open Liberty 26.0.0.3 as {@link LibertyIT}, with the {@code mpConfig-3.1} feature. */
class LibertyMpConfigIT extends LibertyIT {

    @Override
    String configuration() {
        return "mpConfig";
    }

    @Override
    List<Variant> variants() {
        return List.of(Variant.of(MICROPROFILE, MARIADB), Variant.of(PROPERTIES, DEFAULT));
    }

    @Override
    List<String> extraFeatures() {
        return List.of("mpConfig-3.1");
    }
}
