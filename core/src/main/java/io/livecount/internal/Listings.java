package io.livecount.internal;

import io.livecount.CounterKey;
import io.livecount.internal.store.TextOrder;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A page of a listing over the database's page and this node's FAST counters not yet written back.
 * The database's first {@code limit} entries after the starting point and the pending entries after
 * it are enough: an entry in neither comes after {@code limit} entries that are.
 */
final class Listings {

    private Listings() {}

    /** A page of namespaces: {@code stored} (the database's page) with the pending counters' namespaces. */
    static List<String> namespaces(List<String> stored, Collection<CounterKey> pending, String after, int limit) {
        return merge(
                stored, pending.stream().map(CounterKey::namespace), Function.identity(), ns -> true, after, limit);
    }

    /** A page of counters of {@code namespace} starting with {@code prefix}, with the pending ones put in. */
    static List<CounterKey> counters(
            List<CounterKey> stored,
            Collection<CounterKey> pending,
            String namespace,
            String prefix,
            String after,
            int limit) {
        Stream<CounterKey> ofNamespace =
                pending.stream().filter(key -> key.namespace().equals(namespace));
        return merge(stored, ofNamespace, CounterKey::name, name -> name.startsWith(prefix), after, limit);
    }

    private static <T> List<T> merge(
            List<T> stored,
            Stream<T> pending,
            Function<T, String> text,
            Predicate<String> wanted,
            String after,
            int limit) {
        TreeSet<T> page = new TreeSet<>((a, b) -> TextOrder.UTF8.compare(text.apply(a), text.apply(b)));
        page.addAll(stored);
        pending.filter(entry -> wanted.test(text.apply(entry)) && TextOrder.UTF8.compare(text.apply(entry), after) > 0)
                .forEach(page::add);
        return page.stream().limit(limit).toList();
    }
}
