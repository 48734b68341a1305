package io.livecount.demo.admin;

import static io.livecount.demo.web.Html.escape;

import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.demo.web.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The admin page as HTML. Everything that comes from counters or the request (keys, namespaces)
 * goes through {@link Html#escape}; numbers and the demo's own constants need not.
 */
final class AdminPage {

    /** What one rendering shows; {@code counter} is null when none is selected. */
    record View(
            List<String> namespaces,
            String namespace,
            Period period,
            List<CounterValue> top,
            AdminData.CounterView counter,
            String mode,
            String cache,
            WriteBackMetrics writeBack,
            String csrfToken,
            boolean flushed) {}

    private AdminPage() {}

    static String render(View view) {
        StringBuilder body = new StringBuilder()
                .append("<header><h1>Livecount demo: admin</h1>")
                .append("<form method=\"post\" action=\"/logout\"><button type=\"submit\" id=\"logout\">Log out")
                .append("</button></form></header>\n");
        namespaces(view, body);
        top(view, body);
        if (view.counter() != null) {
            counter(view, body);
        }
        writeBack(view, body);
        return Html.page("Livecount demo: admin", body.toString());
    }

    /** {@code /admin} with these query parameters (null values left out), not yet escaped for HTML. */
    static String url(String namespace, Period period, String key) {
        StringBuilder url = new StringBuilder("/admin?ns=").append(encode(namespace));
        if (period != null) {
            url.append("&period=").append(period.name().toLowerCase(Locale.ROOT));
        }
        if (key != null) {
            url.append("&key=").append(encode(key));
        }
        return url.toString();
    }

    private static void namespaces(View view, StringBuilder body) {
        body.append("<section id=\"namespaces\"><h2>Namespaces</h2><ul>");
        for (String namespace : view.namespaces()) {
            body.append("<li><a href=\"")
                    .append(escape(url(namespace, view.period(), null)))
                    .append("\">")
                    .append(escape(namespace))
                    .append("</a></li>");
        }
        body.append("</ul><p class=\"note\">The namespaces this demo is configured to count in.</p></section>\n");
    }

    private static void top(View view, StringBuilder body) {
        String period = view.period().name().toLowerCase(Locale.ROOT);
        body.append("<section id=\"top\"><h2>Top counters of <code>")
                .append(escape(view.namespace()))
                .append("</code>, ")
                .append(view.period() == Period.ALL ? "all time" : "this " + period)
                .append("</h2><form method=\"get\" action=\"/admin\" class=\"inline\">")
                .append("<input type=\"hidden\" name=\"ns\" value=\"")
                .append(escape(view.namespace()))
                .append("\"><select name=\"period\" id=\"period\">");
        for (Period option : AdminData.TOP_PERIODS) {
            String name = option.name().toLowerCase(Locale.ROOT);
            body.append("<option value=\"")
                    .append(name)
                    .append(option == view.period() ? "\" selected>" : "\">")
                    .append(name)
                    .append("</option>");
        }
        body.append("</select><button type=\"submit\">Show</button></form>")
                .append("<table id=\"top-table\"><thead><tr><th>#</th><th>counter</th><th>value</th></tr></thead>")
                .append("<tbody>");
        int rank = 0;
        for (CounterValue row : view.top()) {
            body.append("<tr><td>")
                    .append(++rank)
                    .append("</td><td class=\"key\"><a href=\"")
                    .append(escape(
                            url(view.namespace(), view.period(), row.key().name())))
                    .append("\">")
                    .append(escape(row.key().name()))
                    .append("</a></td><td class=\"value\">")
                    .append(row.value())
                    .append("</td></tr>");
        }
        if (view.top().isEmpty()) {
            body.append("<tr><td colspan=\"3\">No counts in this bucket yet.</td></tr>");
        }
        body.append("</tbody></table><form method=\"get\" action=\"/admin\" class=\"inline\">")
                .append("<input type=\"hidden\" name=\"ns\" value=\"")
                .append(escape(view.namespace()))
                .append("\"><label>Counter <input name=\"key\" id=\"key\" size=\"60\"></label>")
                .append("<button type=\"submit\">Look up</button></form></section>\n");
    }

    private static void counter(View view, StringBuilder body) {
        AdminData.CounterView counter = view.counter();
        body.append("<section id=\"counter\"><h2>Counter <code id=\"counter-name\">")
                .append(escape(counter.key().name()))
                .append("</code></h2><dl class=\"values\">")
                .append("<dt>all time</dt><dd id=\"count-all\">")
                .append(counter.allTime())
                .append("</dd><dt>today (UTC)</dt><dd id=\"count-day\">")
                .append(counter.today())
                .append("</dd><dt>this hour</dt><dd id=\"count-hour\">")
                .append(counter.thisHour())
                .append("</dd></dl><h3>Hourly, last ")
                .append(AdminData.HOURS_SHOWN)
                .append(" hours</h3>")
                .append(SvgChart.bars("chart-hourly", "clicks per hour", counter.hourly(), SvgChart.HOUR))
                .append("<h3>Daily, last ")
                .append(AdminData.DAYS_SHOWN)
                .append(" days</h3>")
                .append(SvgChart.bars("chart-daily", "clicks per day", counter.daily(), SvgChart.DAY))
                .append("</section>\n");
    }

    private static void writeBack(View view, StringBuilder body) {
        WriteBackMetrics metrics = view.writeBack();
        Duration age = metrics.oldestPendingAge();
        body.append("<section id=\"writeback\"><h2>Write-back</h2><p>Mode <b id=\"mode\">")
                .append(escape(view.mode()))
                .append("</b>, cache provider <b>")
                .append(escape(view.cache()))
                .append("</b>.</p><table id=\"writeback-table\">");
        row(body, "pending-counters", "pending counter buckets", String.valueOf(metrics.pendingCounters()));
        row(body, "pending-total", "pending clicks", String.valueOf(metrics.pendingTotal()));
        row(body, "oldest-pending", "oldest pending", age == null ? "-" : age.toMillis() + " ms");
        row(
                body,
                "last-flush",
                "last successful write-back",
                metrics.lastSuccessfulFlush() == null
                        ? "none yet"
                        : metrics.lastSuccessfulFlush().toString());
        row(body, "failures", "consecutive failures", String.valueOf(metrics.consecutiveFailures()));
        row(body, "flushed-rows", "buckets written back", String.valueOf(metrics.flushedRows()));
        row(body, "flush-statements", "write-back statements", String.valueOf(metrics.flushStatements()));
        body.append("</table><form method=\"post\" action=\"/admin/flush\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escape(view.csrfToken()))
                .append("\">")
                .append(hidden("ns", view.namespace()))
                .append(hidden("period", view.period().name().toLowerCase(Locale.ROOT)))
                .append(
                        view.counter() == null
                                ? ""
                                : hidden("key", view.counter().key().name()))
                .append("<button type=\"submit\" id=\"flush\">Flush now</button>")
                .append(view.flushed() ? " <span id=\"flushed\">Flushed.</span>" : "")
                .append("</form></section>");
    }

    private static void row(StringBuilder body, String id, String label, String value) {
        body.append("<tr><th>")
                .append(label)
                .append("</th><td id=\"")
                .append(id)
                .append("\">")
                .append(escape(value))
                .append("</td></tr>");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
