package io.livecount.demo.admin;

import io.livecount.BucketValue;
import io.livecount.demo.web.Html;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A bar chart as inline SVG, drawn on the server: no script, so the page's Content-Security-Policy
 * can forbid scripts altogether. Each bar carries its bucket and value as {@code data-} attributes
 * and a tooltip.
 */
final class SvgChart {

    static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private static final int WIDTH = 720;
    private static final int HEIGHT = 180;
    private static final int PLOT_TOP = 16;
    private static final int PLOT_BOTTOM = 150;

    private SvgChart() {}

    static String bars(String id, String title, List<BucketValue> buckets, DateTimeFormatter labels) {
        long max = buckets.stream().mapToLong(BucketValue::value).max().orElse(0);
        double slot = (double) WIDTH / Math.max(1, buckets.size());
        StringBuilder svg = new StringBuilder()
                .append("<svg id=\"")
                .append(id)
                .append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(Html.escape(title))
                .append("\"><text class=\"axis\" x=\"2\" y=\"11\">max ")
                .append(max)
                .append("</text><line class=\"base\" x1=\"0\" x2=\"")
                .append(WIDTH)
                .append("\" y1=\"")
                .append(PLOT_BOTTOM)
                .append("\" y2=\"")
                .append(PLOT_BOTTOM)
                .append("\"/>");
        for (int i = 0; i < buckets.size(); i++) {
            BucketValue bucket = buckets.get(i);
            // Any non-zero value gets at least 1 unit, so a single click is visible next to thousands.
            long height = bucket.value() == 0
                    ? 0
                    : Math.max(1, Math.round((double) bucket.value() * (PLOT_BOTTOM - PLOT_TOP) / max));
            String label = labels.format(bucket.start());
            svg.append(String.format(
                    java.util.Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" data-start=\"%s\""
                            + " data-value=\"%d\"><title>%s: %d</title></rect>",
                    i * slot + 1,
                    PLOT_BOTTOM - height,
                    Math.max(1, slot - 2),
                    height,
                    bucket.start(),
                    bucket.value(),
                    Html.escape(label),
                    bucket.value()));
        }
        if (!buckets.isEmpty()) {
            svg.append("<text class=\"axis\" x=\"2\" y=\"")
                    .append(HEIGHT - 12)
                    .append("\">")
                    .append(Html.escape(labels.format(buckets.get(0).start())))
                    .append("</text><text class=\"axis end\" x=\"")
                    .append(WIDTH - 2)
                    .append("\" y=\"")
                    .append(HEIGHT - 12)
                    .append("\">")
                    .append(Html.escape(
                            labels.format(buckets.get(buckets.size() - 1).start())))
                    .append(" UTC</text>");
        }
        return svg.append("</svg>").toString();
    }
}
