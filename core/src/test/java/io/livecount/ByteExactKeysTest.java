package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Keys are byte-exact")
class ByteExactKeysTest extends DatabaseTest {

    private static final String FAST = "exact-fast";
    private final MapCounterCache cache = new MapCounterCache();

    private static final String NFC = Normalizer.normalize("caf\u00e9", Normalizer.Form.NFC);
    private static final String NFD = Normalizer.normalize("caf\u00e9", Normalizer.Form.NFD);

    /** Pairs that a case-insensitive, PAD SPACE or normalizing store would merge. */
    private static final List<String> NAMES = List.of(
            "Foo",
            "foo",
            "FOO",
            "a",
            "a ",
            "a  ",
            " a",
            NFC,
            NFD,
            "\uD83D\uDE00", // U+1F600, 4 bytes in UTF-8
            "\uD83D\uDE01",
            "\uD83D\uDE00 smile",
            "'; DROP TABLE livecount_counter; --",
            "100%",
            "1_0",
            "back\\slash",
            "\"quoted\"",
            "NULL", // array syntax: PostgreSQL takes upsert rows as arrays
            "a,b",
            "{x}",
            "}",
            "\\\"",
            "\u00df",
            "ss");

    @Test
    @DisplayName("names differing only in case, trailing spaces, normalization or emoji are different counters")
    void distinctNames() {
        IntStream.range(0, NAMES.size()).forEach(i -> counters.add(CounterKey.of("exact", NAMES.get(i)), i + 1));
        for (int i = 0; i < NAMES.size(); i++) {
            assertThat(counters.get(CounterKey.of("exact", NAMES.get(i))))
                    .as("value of [%s]", NAMES.get(i))
                    .isEqualTo(i + 1);
        }
        assertThat(database.rowCount()).isEqualTo(NAMES.size());
    }

    @Test
    @DisplayName("names come back from the database unchanged")
    void roundTrip() {
        NAMES.forEach(name -> counters.add(CounterKey.of("exact", name), 1));
        List<String> stored = counters.top("exact", Period.ALL, T0, 100).stream()
                .map(value -> value.key().name())
                .toList();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    @Test
    @DisplayName("namespaces differing only in case or trailing space are different")
    void distinctNamespaces() {
        counters.add(CounterKey.of("Ns", "x"), 1);
        counters.add(CounterKey.of("ns", "x"), 2);
        counters.add(CounterKey.of("ns ", "x"), 3);
        counters.add(CounterKey.of("\uD83D\uDE00", "x"), 4);
        assertThat(counters.get(CounterKey.of("Ns", "x"))).isEqualTo(1);
        assertThat(counters.get(CounterKey.of("ns", "x"))).isEqualTo(2);
        assertThat(counters.get(CounterKey.of("ns ", "x"))).isEqualTo(3);
        assertThat(counters.top("\uD83D\uDE00", Period.ALL, T0, 5))
                .containsExactly(new CounterValue(CounterKey.of("\uD83D\uDE00", "x"), 4));
    }

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.namespace(FAST, NamespaceSettings.of(Period.ALL).withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache).build());
    }

    @Test
    @DisplayName("names and idempotency keys come back unchanged from a batch add and from the write-back")
    void batchAndWriteBack() {
        for (String namespace : List.of("exact", FAST)) {
            List<CounterAdd> adds = NAMES.stream()
                    .map(name -> CounterAdd.once(CounterKey.of(namespace, name), 1, name))
                    .toList();
            counters.addAll(adds);
            counters.flush();
            counters.addAll(adds); // the same keys again: each recognised, nothing counted twice
            counters.flush();
            assertThat(counters.top(namespace, Period.ALL, T0, 100))
                    .as("namespace %s", namespace)
                    .containsExactlyInAnyOrderElementsOf(NAMES.stream()
                            .map(name -> new CounterValue(CounterKey.of(namespace, name), 1))
                            .toList());
        }
    }

    @Test
    @DisplayName("the longest allowed name (in bytes, with 4-byte characters) fits")
    void longestName() {
        String longest = "\uD83D\uDE00".repeat(CounterKey.MAX_NAME_BYTES / 4);
        counters.add(CounterKey.of("exact", longest), 1);
        assertThat(counters.top("exact", Period.ALL, T0, 1).get(0).key().name()).isEqualTo(longest);
    }
}
