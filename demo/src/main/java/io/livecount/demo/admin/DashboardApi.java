package io.livecount.demo.admin;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.demo.access.AdminOnly;
import io.livecount.demo.web.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/dashboard}: everything the admin page shows for one view, in one answer, read at
 * one instant; the page's script polls it to update itself without reloading. A sub-resource of
 * {@link ApiResource}, so behind the same login.
 */
@AdminOnly(AdminOnly.Kind.API) // a sub-resource is matched as itself: it declares its access too
public class DashboardApi {

    private final AdminData data;

    DashboardApi(AdminData data) {
        this.data = data;
    }

    /**
     * The view of namespace {@code ns} and period {@code period}: its top list, the page of its
     * counters named {@code prefix}... after {@code after}, counter {@code key} if given, and the
     * write-back's state.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String view(
            @QueryParam("ns") String ns,
            @QueryParam("period") String periodName,
            @QueryParam("key") String key,
            @QueryParam("prefix") String prefix,
            @QueryParam("after") String after) {
        String namespace = data.namespace(ns);
        Period period = data.period(namespace, periodName);
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", now);
        json.put("namespace", namespace);
        json.put("period", name(period));
        json.put("bucketZone", data.bucketZone().getId());
        json.put("viewerZoneLabels", Charting.labelledInViewerZone(period));
        json.put("top", rows(data.topWithTrend(namespace, period, AdminData.DEFAULT_TOP, now)));
        AdminData.Page page = data.counters(namespace, orEmpty(prefix), orEmpty(after), period, now);
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("rows", rows(page.rows()));
        list.put("next", page.next() == null ? "" : page.next());
        json.put("list", list);
        if (key != null && !key.isEmpty()) {
            json.put("counter", counter(CounterKey.of(namespace, key), period, now));
        }
        json.put("writeBack", writeBack(data.writeBack(), now));
        return Json.write(json);
    }

    private Map<String, Object> counter(CounterKey key, Period period, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", key.name());
        json.put(
                "values",
                data.values(key, now).entrySet().stream()
                        .map(entry -> {
                            Map<String, Object> value = trend(entry.getValue());
                            value.put("period", name(entry.getKey()));
                            return value;
                        })
                        .toList());
        json.put(
                "series",
                data.series(key, period, now).stream().map(ApiResource::bucket).toList());
        return json;
    }

    private Map<String, Object> writeBack(WriteBackMetrics metrics, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fast", data.fast());
        json.put("pendingCounters", metrics.pendingCounters());
        json.put("pendingTotal", metrics.pendingTotal());
        json.put(
                "oldestPendingMillis",
                metrics.oldestPendingAge() == null
                        ? null
                        : metrics.oldestPendingAge().toMillis());
        json.put("lastSuccessfulFlush", metrics.lastSuccessfulFlush());
        json.put("consecutiveFailures", metrics.consecutiveFailures());
        json.put("flushedRows", metrics.flushedRows());
        json.put("flushStatements", metrics.flushStatements());
        return json;
    }

    static List<Map<String, Object>> rows(List<AdminData.Row> rows) {
        return rows.stream()
                .map(row -> {
                    Map<String, Object> json = trend(row.trend());
                    json.put("name", row.name());
                    return json;
                })
                .toList();
    }

    private static Map<String, Object> trend(Trend trend) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", trend.current());
        json.put("previous", trend.previous());
        json.put("direction", trend.direction().name().toLowerCase(Locale.ROOT));
        json.put("trend", trend.label());
        json.put("explanation", trend.explanation());
        return json;
    }

    private static String name(Period period) {
        return period.name().toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
