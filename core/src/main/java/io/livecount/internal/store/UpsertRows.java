package io.livecount.internal.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one upsert statement ({@link SqlDialect#upsertSql}, {@link
 * SqlDialect#keyedUpsertSql}), in statement order, held column by column so that a dialect can
 * bind them row by row or as one array per column ({@link SqlDialect#bindRows}).
 */
public final class UpsertRows {

    private final List<String> namespaces;
    private final List<String> names;
    private final List<String> periods;
    private final List<Long> bucketStarts;
    private final List<Long> values;

    public UpsertRows(int expectedRows) {
        namespaces = new ArrayList<>(expectedRows);
        names = new ArrayList<>(expectedRows);
        periods = new ArrayList<>(expectedRows);
        bucketStarts = new ArrayList<>(expectedRows);
        values = new ArrayList<>(expectedRows);
    }

    /** The rows of {@code deltas}, in their order. */
    public static UpsertRows of(List<Row> deltas) {
        return new UpsertRows(deltas.size()).addAll(deltas);
    }

    /** Adds one row: the five columns of the counter table, {@code period} as stored. */
    public UpsertRows add(String namespace, String name, String period, long bucketStart, long value) {
        namespaces.add(namespace);
        names.add(name);
        periods.add(period);
        bucketStarts.add(bucketStart);
        values.add(value);
        return this;
    }

    public UpsertRows add(Row row) {
        return add(row.key().namespace(), row.key().name(), row.period().name(), row.bucketStart(), row.delta());
    }

    public UpsertRows addAll(List<Row> rows) {
        rows.forEach(this::add);
        return this;
    }

    public int size() {
        return namespaces.size();
    }

    String namespace(int row) {
        return namespaces.get(row);
    }

    String name(int row) {
        return names.get(row);
    }

    String period(int row) {
        return periods.get(row);
    }

    long bucketStart(int row) {
        return bucketStarts.get(row);
    }

    long value(int row) {
        return values.get(row);
    }

    String[] namespaces() {
        return namespaces.toArray(String[]::new);
    }

    String[] names() {
        return names.toArray(String[]::new);
    }

    String[] periods() {
        return periods.toArray(String[]::new);
    }

    Long[] bucketStarts() {
        return bucketStarts.toArray(Long[]::new);
    }

    Long[] values() {
        return values.toArray(Long[]::new);
    }
}
