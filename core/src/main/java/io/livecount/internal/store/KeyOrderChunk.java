package io.livecount.internal.store;

import io.livecount.Period;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement's rows of a listing read in primary key order: (name, period, bucket) of one
 * namespace. A counter's first row in that order is its {@link Period#ALL} row (no period name
 * sorts before {@code ALL}), so a name has that row when its first row in the chunk is that row.
 *
 * @param listed the names listed, at most the limit given to {@link #read}
 * @param rows the rows read
 * @param names the distinct names among them
 * @param lastName the name of the last row (null when there was none)
 */
record KeyOrderChunk(List<String> listed, int rows, int names, String lastName) {

    /**
     * Reads the result of {@code statement}, listing at most {@code limit} names: those with an
     * {@code ALL} row if {@code withAllTimeRow}, else all.
     */
    static KeyOrderChunk read(PreparedStatement statement, SqlDialect dialect, boolean withAllTimeRow, int limit)
            throws SQLException {
        List<String> listed = new ArrayList<>();
        int rows = 0;
        int names = 0;
        String lastName = null;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows++;
                String name = dialect.readText(rs, 1);
                if (name.equals(lastName)) {
                    continue; // a bucket of the counter before
                }
                names++;
                lastName = name;
                boolean allTimeRow = Period.ALL.name().equals(rs.getString(2).trim()) && rs.getLong(3) == 0;
                if ((allTimeRow || !withAllTimeRow) && listed.size() < limit) {
                    listed.add(name);
                }
            }
        }
        return new KeyOrderChunk(listed, rows, names, lastName);
    }
}
