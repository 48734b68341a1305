package io.livecount;

import io.livecount.spi.JoinedTransaction;
import java.util.concurrent.CompletionStage;

/**
 * Real-time counters backed by a relational database. Create one per application with {@link
 * Livecount#create(LivecountConfig)} and share it; it is thread-safe.
 *
 * <p><b>Transactions.</b> Calls on the service itself run in transactions Livecount owns: a STRICT
 * add has committed when the call returns. Concurrent adds may share one commit (group commit);
 * each caller still returns only after the commit that carries its delta. Deadlocks and
 * serialization failures are retried with jittered backoff, at most {@link
 * LivecountConfig#conflictRetries()} times.
 *
 * <p>To count inside your own transaction, use {@link #joining(JoinedTransaction)} (with JPA:
 * {@code LivecountJpa.joining(counters, entityManager)} from {@code livecount-jpa}): the counts
 * commit or roll back with it, and conflicts are surfaced, never retried.
 */
public interface CounterService extends CounterOperations, AutoCloseable {

    /**
     * The same operations, run on the connection of {@code transaction}, which must be active for
     * every call (an {@link IllegalStateException} otherwise). Writes commit or roll back with that
     * transaction; FAST adds reach the cache only after it commits. A deadlock or serialization failure throws {@link
     * CounterConflictException} and is not retried: the transaction is doomed and the caller
     * decides. The view is cheap; make one per transaction or per call. Not thread-safe beyond what
     * the transaction itself allows.
     */
    CounterOperations joining(JoinedTransaction transaction);

    /**
     * Writes every FAST delta added before this call to the database and waits for the commit.
     * Returns at once when FAST mode is not configured.
     *
     * @throws LivecountException if the database fails; the deltas are kept and retried later
     */
    void flush();

    /**
     * A barrier for FAST adds: completes once every FAST add this service acknowledged before the
     * call is committed in the database, by the write-back's next successful pass (no extra pass
     * is forced: it completes within about {@link WriteBackConfig#maxDelay()} while the database
     * is up). While the database fails it waits, as the deltas do. It completes at once when
     * FAST mode is not configured, and exceptionally if {@link #close()} could not write
     * everything. On a cache that several nodes share (Hazelcast), it covers the adds this node
     * made with an idempotency key and the buckets this node writes; adds without a key that
     * landed in another member's partitions are written by that member.
     *
     * <p>Made for message consumers: acknowledge a batch of FAST adds when the barrier taken
     * after it completes, so that a crash before the write-back leads to a redelivery rather than a
     * loss.
     */
    CompletionStage<Void> whenWritten();

    /** A snapshot of FAST mode's write-back (all zero when FAST mode is not configured). */
    WriteBackMetrics writeBackMetrics();

    /**
     * A snapshot of retention pruning (see {@link NamespaceSettings#retain}): rows pruned and the
     * last pass; zero and null when no retention is configured.
     */
    RetentionMetrics retentionMetrics();

    /** The configuration this service was created with. */
    LivecountConfig config();

    /**
     * Stops the service. Calls in progress complete; later calls throw {@link
     * IllegalStateException}. Pending FAST deltas are written first: {@code close()} retries for up
     * to {@link WriteBackConfig#closeTimeout()} and throws {@link CounterStoreException} naming what
     * could not be written if the database stays unavailable. The cache is closed. A connection pool the service built from a JDBC URL is closed; a
     * {@code DataSource} you supplied is left open.
     */
    @Override
    void close();
}
