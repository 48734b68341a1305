package io.livecount.demo.admin;

import static io.livecount.demo.web.Html.escape;

import io.livecount.BucketValue;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.demo.web.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin dashboard as HTML: complete as sent (it works without script), then kept current by
 * {@code /static/dashboard.js}, which polls {@code /api/dashboard} and draws the chart with uPlot.
 * Everything that comes from counters or the request goes through {@link Html#escape}; numbers and
 * the demo's own constants need not. Elements the script updates carry ids or {@code data-} names.
 */
final class AdminPage {

    /** A selected counter: its value in each period, and the chart's buckets. */
    record Counter(CounterKey key, Map<Period, Trend> values, List<BucketValue> series) {}

    /** What one rendering shows; {@code counter} is null when none is selected. */
    record View(
            List<String> namespaces,
            String namespace,
            List<Period> periods,
            Period period,
            ZoneId zone,
            ZoneId bucketZone,
            List<AdminData.Row> top,
            String prefix,
            String after,
            AdminData.Page page,
            Counter counter,
            String mode,
            String cache,
            boolean fast,
            WriteBackMetrics writeBack,
            String csrfToken,
            boolean flushed,
            Instant now) {}

    /** Deferred scripts run in this order: uPlot and the formats before the charts, all before the page's. */
    static final String[] ASSETS = {
        "/static/uPlot.min.css",
        "/static/uPlot.iife.min.js",
        "/static/dashboard-format.js",
        "/static/dashboard-chart.js",
        "/static/dashboard.js"
    };

    private AdminPage() {}

    static String render(View view) {
        StringBuilder body = new StringBuilder()
                .append("<header class=\"bar\"><h1>Livecount <span class=\"sub\">clicks dashboard</span></h1>")
                .append("<p class=\"live\" id=\"live\" data-state=\"static\">Updated ")
                .append(AdminTables.time(view.now(), view.now(), view.zone()))
                .append("</p><form method=\"post\" action=\"/logout\"><button type=\"submit\" id=\"logout\">")
                .append("Log out</button></form></header>\n");
        controls(view, body);
        body.append("<main class=\"grid\">");
        if (view.counter() != null) {
            counter(view, body);
        }
        AdminTables.top(view, body);
        AdminTables.listing(view, body);
        AdminTables.writeBack(view, body);
        body.append("</main>");
        return Html.page("Livecount demo: admin", body.toString(), ASSETS);
    }

    /** {@code /admin} with these query parameters (null values left out), not yet escaped for HTML. */
    static String url(String namespace, Period period, String key) {
        return url(namespace, period, key, null, null);
    }

    /** {@code /admin} with a listing position as well. */
    static String url(String namespace, Period period, String key, String prefix, String after) {
        StringBuilder url = new StringBuilder("/admin?ns=").append(encode(namespace));
        if (period != null) {
            url.append("&period=").append(name(period));
        }
        if (key != null) {
            url.append("&key=").append(encode(key));
        }
        if (prefix != null && !prefix.isEmpty()) {
            url.append("&prefix=").append(encode(prefix));
        }
        if (after != null && !after.isEmpty()) {
            url.append("&after=").append(encode(after));
        }
        return url.toString();
    }

    /** The view's settings as a form; the script submits it on a change and handles the zone itself. */
    private static void controls(View view, StringBuilder body) {
        body.append("<form method=\"get\" action=\"/admin\" class=\"controls\" id=\"controls\">")
                .append("<label>Namespace <select name=\"ns\" id=\"ns\">");
        for (String namespace : view.namespaces()) {
            option(body, namespace, namespace, namespace.equals(view.namespace()));
        }
        body.append("</select></label><label>Period <select name=\"period\" id=\"period\">");
        for (Period period : view.periods()) {
            option(body, name(period), period == Period.ALL ? "all time" : name(period), period == view.period());
        }
        body.append("</select></label><label>Time zone <select name=\"tz\" id=\"tz\" data-bucket-zone=\"")
                .append(escape(view.bucketZone().getId()))
                .append("\">");
        for (String zone : Zones.offered(view.zone())) {
            option(body, zone, zone.replace('_', ' '), zone.equals(view.zone().getId()));
        }
        body.append("</select></label>");
        hidden(body, "key", view.counter() == null ? null : view.counter().key().name());
        hidden(body, "prefix", view.prefix());
        body.append("<button type=\"submit\" id=\"show\">Show</button><p class=\"note\">Days and longer follow the")
                .append(" service's zone, ")
                .append(escape(view.bucketZone().getId()))
                .append("; times are shown in the zone chosen here.</p></form>\n");
    }

    private static void counter(View view, StringBuilder body) {
        Counter counter = view.counter();
        String key = counter.key().name();
        body.append("<section id=\"counter\" class=\"wide\"><h2>Counter <code id=\"counter-name\">")
                .append(escape(key))
                .append("</code></h2><div class=\"cards\" id=\"values\">");
        for (Map.Entry<Period, Trend> value : counter.values().entrySet()) {
            String period = name(value.getKey());
            body.append("<div class=\"card\" data-period=\"")
                    .append(period)
                    .append("\"><span class=\"label\">")
                    .append(current(value.getKey()))
                    .append("</span><span class=\"num\" id=\"count-")
                    .append(period)
                    .append("\">")
                    .append(value.getValue().current())
                    .append("</span>");
            AdminTables.trend(body, value.getValue(), "span");
            body.append("</div>");
        }
        body.append("</div>");
        if (view.period() != Period.ALL) {
            chart(view, body, key);
        }
        body.append("</section>\n");
    }

    private static void chart(View view, StringBuilder body, String key) {
        String period = name(view.period());
        body.append("<h3>Per ")
                .append(period)
                .append(", last ")
                .append(view.counter().series().size())
                .append(" <a class=\"export\" id=\"export-series\" href=\"")
                .append(escape("/api/export/series.csv?ns=" + encode(view.namespace()) + "&key=" + encode(key)
                        + "&period=" + period + "&tz=" + encode(view.zone().getId())))
                .append("\" download>CSV</a></h3><div class=\"chart\" id=\"chart\" data-period=\"")
                .append(period)
                .append("\" data-viewer-zone=\"")
                .append(Charting.labelledInViewerZone(view.period()))
                .append("\"></div><details><summary>Values</summary><table id=\"series-table\">")
                .append("<thead><tr><th>bucket</th><th class=\"num\">value</th></tr></thead><tbody>");
        ZoneId labels = Charting.labelledInViewerZone(view.period()) ? view.zone() : view.bucketZone();
        for (BucketValue bucket : view.counter().series()) {
            body.append("<tr data-start=\"")
                    .append(bucket.start())
                    .append("\"><td>")
                    .append(escape(Times.bucket(view.period(), bucket.start(), labels)))
                    .append("</td><td class=\"num\">")
                    .append(bucket.value())
                    .append("</td></tr>");
        }
        body.append("</tbody></table></details>");
    }

    private static void option(StringBuilder body, String value, String label, boolean selected) {
        body.append("<option value=\"")
                .append(escape(value))
                .append(selected ? "\" selected>" : "\">")
                .append(escape(label))
                .append("</option>");
    }

    private static void hidden(StringBuilder body, String name, String value) {
        if (value != null && !value.isEmpty()) {
            body.append("<input type=\"hidden\" name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(escape(value))
                    .append("\">");
        }
    }

    /** The current bucket in words: "this hour", "today", "all time". */
    static String current(Period period) {
        return switch (period) {
            case DAY -> "today";
            case ALL -> "all time";
            default -> "this " + name(period);
        };
    }

    static String name(Period period) {
        return period.name().toLowerCase(Locale.ROOT);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
