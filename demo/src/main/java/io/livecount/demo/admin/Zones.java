package io.livecount.demo.admin;

import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

/** The time zones the page offers: UTC and every region zone ("Europe/Berlin"), sorted. */
final class Zones {

    private static final List<String> REGIONS = ZoneId.getAvailableZoneIds().stream()
            // "Etc/GMT+5" and "SystemV/..." are legacy aliases with confusing signs; regions suffice.
            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
            .sorted()
            .toList();

    private Zones() {}

    /** UTC first, then the regions; {@code selected} is among them even when it is an alias. */
    static List<String> offered(ZoneId selected) {
        TreeSet<String> zones = new TreeSet<>(REGIONS);
        zones.add(selected.getId());
        zones.remove("UTC");
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"), zones.stream())
                .toList();
    }
}
