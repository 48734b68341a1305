package io.livecount.demo.admin;

import static io.livecount.demo.admin.AdminPage.encode;
import static io.livecount.demo.admin.AdminPage.name;
import static io.livecount.demo.web.Html.escape;

import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** The admin page's tables: the top list, the paged counter listing and the write-back panel. */
final class AdminTables {

    private AdminTables() {}

    static void top(AdminPage.View view, StringBuilder body) {
        String period = name(view.period());
        body.append("<section id=\"top\"><h2><span>Top counters of <code>")
                .append(escape(view.namespace()))
                .append("</code>, ")
                .append(view.period() == Period.ALL ? "all time" : AdminPage.current(view.period()) + " so far")
                .append("</span> <a class=\"export\" id=\"export-top\" href=\"")
                .append(escape("/api/export/top.csv?ns=" + encode(view.namespace()) + "&period=" + period))
                .append("\" download>CSV</a></h2>");
        rows(view, body, "top-table", view.top(), true, "No counts in this bucket yet.");
        body.append("</section>\n");
    }

    static void listing(AdminPage.View view, StringBuilder body) {
        body.append("<section id=\"list\"><h2>All counters</h2>")
                .append("<form method=\"get\" action=\"/admin\" class=\"search\" id=\"search\" role=\"search\">")
                .append("<input type=\"hidden\" name=\"ns\" value=\"")
                .append(escape(view.namespace()))
                .append("\"><input type=\"hidden\" name=\"period\" value=\"")
                .append(name(view.period()))
                .append("\"><label>Name starts with <input name=\"prefix\" id=\"prefix\" value=\"")
                .append(escape(view.prefix()))
                .append("\" placeholder=\"https://example.com/\" autocomplete=\"off\"></label>")
                .append("<button type=\"submit\" id=\"search-button\">Search</button></form>");
        rows(view, body, "list-table", view.page().rows(), false, "No counter has a name starting with this.");
        body.append("<nav class=\"pages\">");
        if (!view.after().isEmpty()) {
            body.append("<a id=\"first-page\" href=\"")
                    .append(escape(AdminPage.url(view.namespace(), view.period(), key(view), view.prefix(), null)))
                    .append("\">« First page</a>");
        }
        if (view.page().next() != null) {
            body.append("<a id=\"next-page\" href=\"")
                    .append(escape(AdminPage.url(
                            view.namespace(),
                            view.period(),
                            key(view),
                            view.prefix(),
                            view.page().next())))
                    .append("\">Next page »</a>");
        }
        body.append("</nav></section>\n");
    }

    /** A table of counters (ranked or not) with their values and trends; the script rewrites its body. */
    private static void rows(
            AdminPage.View view,
            StringBuilder body,
            String id,
            List<AdminData.Row> rows,
            boolean ranked,
            String empty) {
        body.append("<table id=\"")
                .append(id)
                .append("\" class=\"counters\" data-empty=\"")
                .append(escape(empty))
                .append("\"><thead><tr>")
                .append(ranked ? "<th class=\"rank\">#</th>" : "")
                .append(
                        "<th>counter</th><th class=\"num\">value</th><th class=\"num\">vs before</th></tr></thead><tbody>");
        int rank = 0;
        for (AdminData.Row row : rows) {
            body.append("<tr>");
            if (ranked) {
                body.append("<td class=\"rank\">").append(++rank).append("</td>");
            }
            body.append("<td class=\"key\"><a href=\"")
                    .append(escape(AdminPage.url(view.namespace(), view.period(), row.name())))
                    .append("\">")
                    .append(escape(row.name()))
                    .append("</a></td><td class=\"num value\">")
                    .append(row.trend().current())
                    .append("</td>");
            trend(body, row.trend(), "td");
            body.append("</tr>");
        }
        if (rows.isEmpty()) {
            body.append("<tr class=\"empty\"><td colspan=\"4\">")
                    .append(escape(empty))
                    .append("</td></tr>");
        }
        body.append("</tbody></table>");
    }

    static void trend(StringBuilder body, Trend trend, String element) {
        body.append('<')
                .append(element)
                .append(" class=\"num trend ")
                .append(trend.direction().name().toLowerCase(Locale.ROOT))
                .append("\" title=\"")
                .append(escape(trend.explanation()))
                .append("\">")
                .append(escape(trend.label()))
                .append("</")
                .append(element)
                .append('>');
    }

    static void writeBack(AdminPage.View view, StringBuilder body) {
        body.append("<section id=\"writeback\"><h2>Write-back</h2><p>Mode <b id=\"mode\">")
                .append(escape(view.mode()))
                .append("</b>, cache provider <b>")
                .append(escape(view.cache()))
                .append("</b>.</p>");
        if (!view.fast()) {
            body.append("<p id=\"fast-off\" class=\"note\">FAST mode is off: every click is committed to the"
                    + " database before its redirect, so nothing waits to be written back.</p></section>");
            return;
        }
        WriteBackMetrics metrics = view.writeBack();
        Duration age = metrics.oldestPendingAge();
        body.append("<table id=\"writeback-table\">");
        row(body, "pending-counters", "pending counter buckets", String.valueOf(metrics.pendingCounters()));
        row(body, "pending-total", "pending clicks", String.valueOf(metrics.pendingTotal()));
        row(body, "oldest-pending", "oldest pending", age == null ? "-" : age.toMillis() + " ms");
        body.append("<tr><th>last successful write-back</th><td id=\"last-flush\">")
                .append(
                        metrics.lastSuccessfulFlush() == null
                                ? "none yet"
                                : time(metrics.lastSuccessfulFlush(), view.now(), view.zone()))
                .append("</td></tr>");
        row(body, "failures", "consecutive failures", String.valueOf(metrics.consecutiveFailures()));
        row(body, "flushed-rows", "buckets written back", String.valueOf(metrics.flushedRows()));
        row(body, "flush-statements", "write-back statements", String.valueOf(metrics.flushStatements()));
        body.append("</table><form method=\"post\" action=\"/admin/flush\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escape(view.csrfToken()))
                .append("\">")
                .append(hidden("ns", view.namespace()))
                .append(hidden("period", name(view.period())))
                .append(view.counter() == null ? "" : hidden("key", key(view)))
                .append("<button type=\"submit\" id=\"flush\">Flush now</button>")
                .append(view.flushed() ? " <span id=\"flushed\">Flushed.</span>" : "")
                .append("</form></section>");
    }

    /** A friendly timestamp: "3 s ago", the absolute time in the viewer's zone on hover. */
    static String time(Instant instant, Instant now, ZoneId zone) {
        return "<time class=\"ago\" datetime=\"" + instant + "\" title=\"" + escape(Times.absolute(instant, zone))
                + "\">" + escape(Times.relative(instant, now)) + "</time>";
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

    private static String key(AdminPage.View view) {
        return view.counter() == null ? null : view.counter().key().name();
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }
}
