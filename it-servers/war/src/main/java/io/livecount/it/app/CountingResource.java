package io.livecount.it.app;

import io.livecount.CounterAdd;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.LivecountConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user writes: {@code @Inject CounterService} and a {@code @Transactional} method that counts
 * in namespace {@code orders} (STRICT by configuration) and {@code clicks} (FAST, the default mode),
 * and, when asked to, throws after counting so that the transaction rolls back.
 */
@Path("/")
@ApplicationScoped
public class CountingResource {

    /** The STRICT namespace ({@code livecount.namespace.orders.mode=strict}). */
    public static final String STRICT_NAMESPACE = "orders";

    /** A namespace of the default mode ({@code livecount.mode=fast}). */
    public static final String FAST_NAMESPACE = "clicks";

    @Inject
    CounterService counters;

    /** Adds 1 to {@code key} in both namespaces in one transaction; {@code fail=true} rolls it back. */
    @POST
    @Path("add")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public String add(@QueryParam("key") String key, @QueryParam("fail") boolean fail) {
        counters.increment(CounterKey.of(STRICT_NAMESPACE, key));
        counters.increment(CounterKey.of(FAST_NAMESPACE, key));
        if (fail) {
            throw new RollbackRequested(key);
        }
        return "added";
    }

    /**
     * Counts message {@code msg} once, however often it comes, in one transaction: a batch of two
     * STRICT counters ({@code key}: 1, {@code key-b}: 2) and a FAST one ({@code key}: 1), each add
     * with an idempotency key made from {@code msg}; {@code fail=true} rolls it back.
     */
    @POST
    @Path("message")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public String message(
            @QueryParam("key") String key, @QueryParam("msg") String msg, @QueryParam("fail") boolean fail) {
        counters.addAll(List.of(
                CounterAdd.once(CounterKey.of(STRICT_NAMESPACE, key), 1, msg + "/a"),
                CounterAdd.once(CounterKey.of(STRICT_NAMESPACE, key + "-b"), 2, msg + "/b")));
        counters.addAll(List.of(CounterAdd.once(CounterKey.of(FAST_NAMESPACE, key), 1, msg)));
        if (fail) {
            throw new RollbackRequested(key);
        }
        return "counted";
    }

    /** Writes every pending FAST delta now. */
    @POST
    @Path("flush")
    @Produces(MediaType.TEXT_PLAIN)
    public String flush() {
        counters.flush();
        return "flushed";
    }

    /** The all-time totals of {@code key} in both namespaces. */
    @GET
    @Path("total")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> total(@QueryParam("key") String key) {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("strict", counters.get(CounterKey.of(STRICT_NAMESPACE, key)));
        totals.put("fast", counters.get(CounterKey.of(FAST_NAMESPACE, key)));
        return totals;
    }

    /** What the service was configured with: which settings were read, and what the database is. */
    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        LivecountConfig config = counters.config();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("zone", config.zone().getId());
        info.put("defaultMode", String.valueOf(config.defaultMode()));
        info.put(
                "strictNamespaceMode",
                String.valueOf(config.namespace(STRICT_NAMESPACE).mode()));
        info.put(
                "dataSource",
                config.dataSource() == null
                        ? ""
                        : config.dataSource().getClass().getName());
        // livecount.persistence-unit looks the unit up at the reference the WAR declares: which
        // provider's factory the server binds there
        info.put("entityManagerFactory", classBoundAt("java:comp/env/persistence/counters"));
        info.put(
                "transactions",
                config.callerTransactions() == null
                        ? ""
                        : config.callerTransactions().getClass().getName());
        return info;
    }

    /**
     * The class of the provider's entity manager behind the factory bound at {@code jndiName}
     * (through a server's wrapper: the delegate of an entity manager it creates).
     */
    private static String classBoundAt(String jndiName) {
        Object bound;
        try {
            bound = new javax.naming.InitialContext().lookup(jndiName);
        } catch (javax.naming.NamingException | RuntimeException notBound) {
            return "";
        }
        try {
            Object entityManager =
                    bound.getClass().getMethod("createEntityManager").invoke(bound);
            try {
                return entityManager
                        .getClass()
                        .getMethod("getDelegate")
                        .invoke(entityManager)
                        .getClass()
                        .getName();
            } finally {
                entityManager.getClass().getMethod("close").invoke(entityManager);
            }
        } catch (ReflectiveOperationException | RuntimeException noDelegate) {
            return bound.getClass().getName();
        }
    }
}
