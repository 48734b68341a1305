package io.livecount.demo.admin;

import io.livecount.BucketValue;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.demo.access.AdminOnly;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * CSV downloads ({@code /api/export/...}, behind the login as a sub-resource of {@link ApiResource}):
 * a counter's series and a top list, as the page shows them, with times in UTC and in the viewer's
 * zone {@code tz}. Sent as attachments, so that the browser saves them instead of showing them.
 */
@AdminOnly(AdminOnly.Kind.API) // a sub-resource is matched as itself: it declares its access too
public class ExportApi {

    static final String CSV = "text/csv; charset=utf-8";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneId.of("UTC"));

    private final AdminData data;

    ExportApi(AdminData data) {
        this.data = data;
    }

    /** {@code bucket_start_utc, bucket (in tz), value}: the buckets of counter {@code key} the chart shows. */
    @GET
    @Path("series.csv")
    public Response series(
            @QueryParam("ns") String ns,
            @QueryParam("key") String key,
            @QueryParam("period") String periodName,
            @QueryParam("tz") String tz) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("missing parameter key (the counter's name)");
        }
        String namespace = data.namespace(ns);
        Period period = data.period(namespace, periodName);
        ZoneId zone = AdminData.zone(tz);
        Instant now = Instant.now();
        Csv csv = new Csv().row(List.of("bucket_start_utc", "bucket (" + zone.getId() + ")", "value"));
        for (BucketValue bucket : data.series(CounterKey.of(namespace, key), period, now)) {
            csv.row(List.of(
                    bucket.start().toString(),
                    Times.bucket(period, bucket.start(), labelZone(period, zone)),
                    bucket.value()));
        }
        return attachment(csv, namespace + "-series-" + name(period), now);
    }

    /** {@code rank, counter, value, previous, trend}: the top list of the current bucket of {@code period}. */
    @GET
    @Path("top.csv")
    public Response top(
            @QueryParam("ns") String ns, @QueryParam("period") String periodName, @QueryParam("limit") Integer limit) {
        String namespace = data.namespace(ns);
        Period period = data.period(namespace, periodName);
        Instant now = Instant.now();
        List<AdminData.Row> rows = data.topWithTrend(namespace, period, limit == null ? AdminData.MAX_TOP : limit, now);
        Csv csv = new Csv().row(List.of("rank", "counter", "value", "previous_bucket", "trend"));
        int rank = 0;
        for (AdminData.Row row : rows) {
            Long previous = row.trend().previous();
            csv.row(List.of(
                    ++rank,
                    row.name(),
                    row.trend().current(),
                    previous == null ? "" : previous,
                    row.trend().label()));
        }
        return attachment(csv, namespace + "-top-" + name(period), now);
    }

    private ZoneId labelZone(Period period, ZoneId viewer) {
        return Charting.labelledInViewerZone(period) ? viewer : data.bucketZone();
    }

    private static Response attachment(Csv csv, String name, Instant now) {
        // The namespace is the user's: keep the file name to characters every system accepts.
        String file = (name + "-" + FILE_TIME.format(now)).replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return Response.ok(csv.toString(), CSV)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static String name(Period period) {
        return period.name().toLowerCase(Locale.ROOT);
    }
}
