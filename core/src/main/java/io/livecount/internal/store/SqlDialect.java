package io.livecount.internal.store;

import io.livecount.CounterKey;
import io.livecount.Period;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What differs between databases: the delta upsert, how keys are bound, the schema script and its
 * check, and which errors are conflicts. Everything else in the store is plain SQL shared by all.
 */
public abstract class SqlDialect {

    static final String TABLE = "livecount_counter";
    static final String COLUMNS = "ns, counter_name, period_type, bucket_start, counter_value";

    /** Statements with more rows are built per use, so the cache stays small. */
    private static final int MAX_CACHED_ROWS = 64;

    private final ConcurrentMap<Integer, String> upserts = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> returningUpserts = new ConcurrentHashMap<>();
    private final String name;
    private final String schemaLocation;
    private final boolean canReturnValues;

    protected SqlDialect(String name, String schemaFolder, boolean canReturnValues) {
        this.name = name;
        this.schemaLocation = "io/livecount/schema/" + schemaFolder;
        this.canReturnValues = canReturnValues;
    }

    /** A short name for messages and benchmarks: mariadb, mysql, postgresql, h2. */
    public final String name() {
        return name;
    }

    /** Class path folder of this database's schema scripts. */
    public final String schemaLocation() {
        return schemaLocation;
    }

    /**
     * Explains a database-wide setting that makes text comparison inexact in any table (H2's
     * collation, a non-UTF-8 encoding), or empty when there is none. Checked before the table is
     * created: a table made under such a setting would inherit it or, on H2, pin it.
     */
    public Optional<String> databaseProblem(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Explains why the existing table cannot hold byte-exact keys (wrong type, case-insensitive or
     * PAD SPACE collation), or empty when it can.
     */
    public abstract Optional<String> schemaProblem(Connection connection) throws SQLException;

    /**
     * Whether the counter table exists where an unqualified name resolves (the current catalog and
     * schema). Asks the driver's metadata: a probing query on a missing table would fail, and
     * drivers and servers log such failures as errors.
     */
    public final boolean tableExists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? TABLE.toUpperCase(Locale.ROOT) : TABLE;
        String escape = meta.getSearchStringEscape();
        String pattern = escape == null || escape.isEmpty() ? name : name.replace("_", escape + "_");
        try (ResultSet tables =
                meta.getTables(currentCatalog(connection), connection.getSchema(), pattern, new String[] {"TABLE"})) {
            while (tables.next()) {
                if (TABLE.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The catalog unqualified names resolve in, as the driver names it for {@link DatabaseMetaData}. */
    protected String currentCatalog(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    /** Whether {@link #upsertSql} can return the stored values of the rows it touched. */
    public final boolean canReturnValues() {
        return canReturnValues;
    }

    /** Builds the single-statement upsert of {@code rows} rows; see {@link #bindRows}. */
    protected abstract String buildUpsert(int rows, boolean returning);

    /** A multi-row delta upsert: {@code value = value + delta} per row, atomic as one statement. */
    public final String upsertSql(int rows, boolean returning) {
        if (rows > MAX_CACHED_ROWS) {
            return buildUpsert(rows, returning); // microseconds, next to a statement of that size
        }
        ConcurrentMap<Integer, String> cache = returning ? returningUpserts : upserts;
        return cache.computeIfAbsent(rows, n -> buildUpsert(n, returning));
    }

    /**
     * Inserts one row unless its key exists, and returns 1 or 0 rows. Waits for a concurrent
     * transaction that inserted the same key to end, as a unique index does on every database.
     */
    public abstract String insertIfAbsentSql();

    /**
     * Inserts {@code rows} rows, skipping those whose key exists, and returns the {@code ns} and
     * {@code counter_name} of the rows it inserted; null where the database has no such statement
     * (then {@link #insertIfAbsentSql} runs once per row).
     */
    public String insertIfAbsentReturningKeysSql(int rows) {
        return null;
    }

    /**
     * One statement that records idempotency keys and upserts deltas only if none of the keys was
     * recorded before, or null where the database has none: {@link #bindRows} binds {@code keys}
     * key rows (ns, name, period, 0, recorded-at), then {@code deltas} delta rows. A key row that
     * exists makes the statement fail with an {@linkplain #isOverflow overflow}, which in
     * autocommit rolls back all of it; the caller then applies the group in a transaction, which
     * can skip single keys.
     */
    public String keyedUpsertSql(int keys, int deltas) {
        return null;
    }

    /** A unique key violation. */
    public boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }

    /**
     * Binds the rows of a statement of {@link #upsertSql} or {@link #keyedUpsertSql} made for
     * {@code rows.size()} rows: here five parameters a row, in order.
     */
    public void bindRows(PreparedStatement statement, UpsertRows rows) throws SQLException {
        int index = 1;
        for (int row = 0; row < rows.size(); row++) {
            bindText(statement, index++, rows.namespace(row));
            bindText(statement, index++, rows.name(row));
            statement.setString(index++, rows.period(row));
            statement.setLong(index++, rows.bucketStart(row));
            statement.setLong(index++, rows.value(row));
        }
    }

    /** Binds a namespace or name so that it compares byte-exact. */
    public void bindText(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setString(index, value);
    }

    /**
     * Whether the key columns, and so the primary key, are ordered by UTF-8 bytes ({@link
     * TextOrder#UTF8}): listings then read in index order.
     */
    public boolean keysInUtf8Order() {
        return true;
    }

    /**
     * {@code expression} (a key column, or a {@code ?} bound with {@link #bindText}) in a form that
     * compares in {@link TextOrder#UTF8}: the expression itself where {@link #keysInUtf8Order}.
     */
    public String inUtf8Order(String expression) {
        return expression;
    }

    /**
     * The least text above every text starting with {@code prefix} in the key columns' own order,
     * or empty when nothing is above them all.
     */
    public Optional<String> endOfPrefix(String prefix) {
        return TextOrder.endOfCodePoints(prefix);
    }

    /** Reads a namespace or name bound with {@link #bindText}. */
    public String readText(ResultSet resultSet, int column) throws SQLException {
        return resultSet.getString(column);
    }

    /** Reads a key from columns {@code column} (namespace) and {@code column + 1} (name). */
    public final CounterKey readKey(ResultSet resultSet, int column) throws SQLException {
        return new CounterKey(readText(resultSet, column), readText(resultSet, column + 1));
    }

    /** Reads a period stored by {@link #bindRows}. */
    public final Period readPeriod(ResultSet resultSet, int column) throws SQLException {
        return Period.valueOf(resultSet.getString(column).trim());
    }

    /** A deadlock, lock timeout or serialization failure: nothing applied, safe to retry. */
    public boolean isConflict(SQLException e) {
        return "40001".equals(e.getSQLState());
    }

    /** The stored value would leave the BIGINT range. */
    public boolean isOverflow(SQLException e) {
        return "22003".equals(e.getSQLState());
    }

    /** The connection broke: a statement in flight may or may not have been applied. */
    public boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException
                || state != null && state.startsWith("08");
    }

    /** "(?, ?, ?, ?, ?), (?, ?, ?, ?, ?)" for {@code rows} rows. */
    protected static String valuesList(int rows, String tuple) {
        StringBuilder sql = new StringBuilder(rows * (tuple.length() + 2));
        for (int i = 0; i < rows; i++) {
            if (i > 0) sql.append(", ");
            sql.append(tuple);
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
