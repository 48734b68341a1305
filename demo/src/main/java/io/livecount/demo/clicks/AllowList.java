package io.livecount.demo.clicks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts {@code /r} may redirect to, so that the counter is no open redirect. An entry is an
 * exact host ({@code example.com}) or {@code *.suffix}, which matches every host below the suffix
 * ({@code a.example.com}, {@code b.a.example.com}) but not the suffix itself. Hosts compare
 * lower-cased; an IPv6 literal is written with brackets ({@code [::1]}).
 */
public final class AllowList {

    private final List<String> exact = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();

    private AllowList() {}

    /** Parses a comma-separated list; throws {@link IllegalArgumentException} for an empty entry. */
    public static AllowList parse(String entries) {
        AllowList list = new AllowList();
        for (String raw : entries.split(",", -1)) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty() || entry.equals("*.") || entry.equals("*")) {
                throw new IllegalArgumentException(
                        "allow-list entry '" + raw + "' is empty or a bare wildcard (in '" + entries + "')");
            }
            if (entry.startsWith("*.")) {
                list.suffixes.add(entry.substring(1)); // keeps the dot: ".example.com"
            } else {
                list.exact.add(entry);
            }
        }
        return list;
    }

    /** Whether {@code host} (any case) may be redirected to. */
    public boolean allows(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (exact.contains(lower)) {
            return true;
        }
        for (String suffix : suffixes) { // a loop, not a stream: this runs on every click
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(exact);
        suffixes.forEach(suffix -> all.add("*" + suffix));
        return String.join(",", all);
    }
}
