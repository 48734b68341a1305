package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.CallerTx;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.JdbcTransaction;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(io.livecount.testing.TestDatabase.class)
@DisplayName("Listing namespaces and counters")
class ListingTest extends DatabaseTest {

    private static final String NS = "list";

    /** Code point order, written independently of the code under test. */
    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    };

    private static final List<String> NAMES = List.of(
            "a",
            "a ",
            "a  ",
            "a b",
            "a%",
            "a%b",
            "a_",
            "a_b",
            "aXb",
            "ab",
            "A",
            "B",
            "b",
            "100%",
            "100_",
            "1000",
            "\uD83D\uDE00", // U+1F600, 4 bytes in UTF-8
            "\uD83D\uDE00 smile",
            "\uD83D\uDE01",
            "\uFF01", // U+FF01: after U+1F600 in UTF-16 code units, before it in code points
            "\uE000",
            "q\uD7FF",
            "q\uD7FF\uD83D\uDE00",
            "q\uE000",
            "z\uDBFF\uDFFF", // U+10FFFF
            "z\uDBFF\uDFFFx",
            "{",
            "caf\u00e9",
            "cafe\u0301");

    private static final List<String> PREFIXES = List.of(
            "",
            "a",
            "a ",
            "a  ",
            "a%",
            "a_",
            "100%",
            "100_",
            "\uD83D\uDE00",
            "\uD83D",
            "\uFF01",
            "q\uD7FF",
            "z\uDBFF\uDFFF",
            "caf",
            "A",
            "zz",
            " ");

    private void addAll() {
        for (String name : NAMES) {
            counters.add(CounterKey.of(NS, name), 1);
        }
        counters.add(CounterKey.of("lis", "a"), 1); // neighbouring namespaces hold matching names
        counters.add(CounterKey.of("list ", "a"), 1);
        counters.add(CounterKey.of("listZ", "ab"), 1);
    }

    private static List<String> expected(String prefix) {
        return NAMES.stream()
                .filter(n -> n.startsWith(prefix))
                .sorted(CODE_POINTS)
                .toList();
    }

    private List<String> names(String prefix, String after, int limit) {
        return counters.counters(NS, prefix, after, limit).stream()
                .peek(key -> assertThat(key.namespace()).isEqualTo(NS))
                .map(CounterKey::name)
                .toList();
    }

    /** Every page of {@code size}, each starting after the last name of the one before. */
    private List<String> paged(String prefix, int size) {
        List<String> all = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = names(prefix, after, size);
            assertThat(page.size()).isLessThanOrEqualTo(size);
            all.addAll(page);
            if (page.size() < size) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    @Test
    @DisplayName("a prefix lists exactly the names starting with it, byte-exact, in code point order")
    void byPrefix() {
        addAll();
        for (String prefix : PREFIXES) {
            if (prefix.equals("\uD83D")) {
                continue; // a lone surrogate is not a valid prefix (checked in badInput)
            }
            assertThat(names(prefix, "", CounterOperations.MAX_LIST_LIMIT))
                    .as("prefix [%s]", prefix)
                    .containsExactlyElementsOf(expected(prefix));
        }
    }

    @Test
    @DisplayName("pages of every size, splitting names that share prefixes, add up to the whole listing")
    void pages() {
        addAll();
        for (String prefix : List.of("", "a", "a ", "100", "\uD83D\uDE00")) {
            for (int size = 1; size <= 4; size++) {
                assertThat(paged(prefix, size))
                        .as("prefix [%s], pages of %d", prefix, size)
                        .containsExactlyElementsOf(expected(prefix));
            }
        }
        assertThat(names("a", "a ", 2)).containsExactly("a  ", "a b");
        assertThat(names("", "\uD83D\uDE01", 10)).isEmpty(); // the last name
        assertThat(names("a", "Z", 1)).containsExactly("a"); // after need not start with the prefix
    }

    @Test
    @DisplayName("namespaces are listed once each, in code point order, paged")
    void namespaces() {
        List<String> namespaces = List.of("b", "B", "a", "a ", "\uD83D\uDE00", "\uFF01", "n%", "n_");
        for (String namespace : namespaces) {
            counters.add(CounterKey.of(namespace, "x"), 1);
            counters.add(CounterKey.of(namespace, "y"), 1, AddOptions.at(T0.minusSeconds(86_400)));
        }
        List<String> sorted = namespaces.stream().sorted(CODE_POINTS).toList();
        assertThat(counters.namespaces("", 100)).containsExactlyElementsOf(sorted);
        List<String> paged = new ArrayList<>();
        String after = "";
        for (List<String> page; !(page = counters.namespaces(after, 3)).isEmpty(); after = page.get(page.size() - 1)) {
            paged.addAll(page);
        }
        assertThat(paged).containsExactlyElementsOf(sorted);
        assertThat(counters.namespaces("a", 1)).containsExactly("a ");
    }

    @Test
    @DisplayName("a counter is listed from its first add, at any value, until it is deleted")
    void lifecycle() {
        CounterKey key = CounterKey.of(NS, "life");
        counters.add(key, 0);
        assertThat(names("", "", 10)).isEmpty();
        counters.add(key, 1);
        counters.add(key, -1);
        assertThat(names("", "", 10)).containsExactly("life");
        counters.delete(key);
        assertThat(names("", "", 10)).isEmpty();
        assertThat(counters.namespaces("", 10)).isEmpty();
    }

    @Test
    @DisplayName("inside a caller's transaction, listings see its uncommitted adds")
    void joined() {
        try (CallerTx.Source source = JdbcTransaction.on(database.dataSource());
                CallerTx tx = source.begin()) {
            CounterOperations joined = counters.joining(tx.joined());
            joined.add(CounterKey.of(NS, "mine"), 1);
            assertThat(joined.counters(NS, "m", "", 10)).containsExactly(CounterKey.of(NS, "mine"));
            assertThat(joined.namespaces("", 10)).containsExactly(NS);
            tx.rollback();
        }
        assertThat(names("", "", 10)).isEmpty();
    }

    @Test
    @DisplayName("bad arguments are refused before any work")
    void badInput() {
        nullNamed("after", () -> counters.namespaces(null, 1));
        nullNamed("namespace", () -> counters.counters(null, "", "", 1));
        nullNamed("prefix", () -> counters.counters(NS, null, "", 1));
        nullNamed("after", () -> counters.counters(NS, "", null, 1));
        refused("limit", () -> counters.counters(NS, "", "", 0));
        refused("limit", () -> counters.counters(NS, "", "", CounterOperations.MAX_LIST_LIMIT + 1));
        refused("limit", () -> counters.namespaces("", 0));
        refused("limit", () -> counters.namespaces("", CounterOperations.MAX_LIST_LIMIT + 1));
        refused("namespace", () -> counters.counters(" ", "", "", 1));
        refused("prefix", () -> counters.counters(NS, "a\u0001", "", 1));
        refused("prefix", () -> counters.counters(NS, "\uD83D", "", 1));
        refused("prefix", () -> counters.counters(NS, "x".repeat(CounterKey.MAX_NAME_BYTES + 1), "", 1));
        refused("after", () -> counters.counters(NS, "", " ", 1));
        refused("after", () -> counters.counters(NS, "", "a\n", 1));
        refused("after", () -> counters.namespaces("x".repeat(CounterKey.MAX_NAMESPACE_BYTES + 1), 1));
        assertThat(counters.counters(NS, "  ", "", 1)).isEmpty(); // a blank prefix is a prefix
    }

    @Test
    @DisplayName("a failing database gives CounterStoreException")
    void storeFailure() {
        AtomicBoolean down = new AtomicBoolean();
        DataSource real = database.dataSource();
        DataSource failing = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("getConnection")) {
                        throw new SQLException("database down", "08001");
                    }
                    return method.invoke(real, args);
                });
        try (CounterService service =
                Livecount.create(baseConfig().dataSource(failing).build())) {
            down.set(true);
            assertThatThrownBy(() -> service.counters(NS, "", "", 1)).isInstanceOf(CounterStoreException.class);
            assertThatThrownBy(() -> service.namespaces("", 1)).isInstanceOf(CounterStoreException.class);
        }
    }

    private static void nullNamed(String name, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(name);
    }

    private static void refused(String name, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }
}
