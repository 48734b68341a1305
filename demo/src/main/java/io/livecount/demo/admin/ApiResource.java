package io.livecount.demo.admin;

import io.livecount.BucketValue;
import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.demo.access.AdminOnly;
import io.livecount.demo.web.Invisibles;
import io.livecount.demo.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin page's data as JSON, behind the same login ({@link AdminGuard}): the session cookie
 * or HTTP Basic. {@code POST /api/flush} with a session needs the page's CSRF token in {@value
 * #CSRF_HEADER}.
 */
@ApplicationScoped
@AdminOnly(AdminOnly.Kind.API)
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class ApiResource {

    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    AdminData data;

    @GET
    @Path("namespaces")
    public String namespaces() {
        return Json.write(Map.of("namespaces", data.namespaces()));
    }

    @GET
    @Path("top")
    public String top(
            @QueryParam("ns") String ns,
            @QueryParam("period") String periodName,
            @QueryParam("limit") @DefaultValue("" + AdminData.DEFAULT_TOP) int limit) {
        String namespace = data.namespace(ns);
        Period period = data.period(periodName);
        List<Map<String, Object>> rows = data.top(namespace, period, limit).stream()
                .map(ApiResource::row)
                .toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("namespace", namespace);
        json.put("period", period.name().toLowerCase(Locale.ROOT));
        json.put("at", Instant.now());
        json.put("counters", rows);
        return Json.write(json);
    }

    @GET
    @Path("counter")
    public String counter(@QueryParam("ns") String ns, @QueryParam("key") String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("missing parameter key (the counter's name)");
        }
        AdminData.CounterView view = data.counter(data.namespace(ns), key);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("namespace", view.key().namespace());
        json.put("name", view.key().name());
        json.put("display", Invisibles.shown(view.key().name())); // for people: invisible characters escaped
        json.put("allTime", view.allTime());
        json.put("today", view.today());
        json.put("thisHour", view.thisHour());
        json.put("hourly", view.hourly().stream().map(ApiResource::bucket).toList());
        json.put("daily", view.daily().stream().map(ApiResource::bucket).toList());
        return Json.write(json);
    }

    /** {@code GET /api/dashboard}: the admin page's live data. */
    @Path("dashboard")
    public DashboardApi dashboard() {
        return new DashboardApi(data);
    }

    /** {@code GET /api/export/series.csv} and {@code top.csv}. */
    @Path("export")
    public ExportApi export() {
        return new ExportApi(data);
    }

    @GET
    @Path("writeback")
    public String writeBack() {
        return Json.write(writeBack(data.writeBack()));
    }

    /** Writes every pending click now; answers the write-back state after it. */
    @POST
    @Path("flush")
    public Response flush(@HeaderParam(CSRF_HEADER) String csrf, @Context SecurityContext security) {
        if (!AdminGuard.csrfPasses(security, csrf)) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Json.write(Map.of("error", "missing or wrong " + CSRF_HEADER)))
                    .build();
        }
        data.flush();
        return Response.ok(Json.write(writeBack(data.writeBack()))).build();
    }

    private Map<String, Object> writeBack(WriteBackMetrics metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", data.mode().toLowerCase(Locale.ROOT));
        json.put("cache", data.cache());
        json.put("pendingCounters", metrics.pendingCounters());
        json.put("pendingTotal", metrics.pendingTotal());
        json.put("lastSuccessfulFlush", metrics.lastSuccessfulFlush());
        json.put("consecutiveFailures", metrics.consecutiveFailures());
        json.put("oldestPendingAge", metrics.oldestPendingAge());
        json.put("flushedRows", metrics.flushedRows());
        json.put("flushStatements", metrics.flushStatements());
        return json;
    }

    private static Map<String, Object> row(CounterValue value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", value.key().name());
        json.put("display", Invisibles.shown(value.key().name()));
        json.put("value", value.value());
        return json;
    }

    /** A bucket as JSON: {@code {"start","value"}} (also the dashboard's). */
    static Map<String, Object> bucket(BucketValue value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", value.start());
        json.put("value", value.value());
        return json;
    }
}
