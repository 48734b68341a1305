package io.livecount.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Listing order and the end of a prefix's range")
class TextOrderTest {

    @Test
    @DisplayName("listing order is code point order: U+FF01 before U+1F600, unlike String.compareTo")
    void utf8Order() {
        List<String> sorted = List.of("\uD83D\uDE00", "\uFF01", "a", "A", "a ", "\u00e9", " ").stream()
                .sorted(TextOrder.UTF8)
                .toList();
        assertThat(sorted).containsExactly(" ", "A", "a", "a ", "\u00e9", "\uFF01", "\uD83D\uDE00");
        assertThat("\uD83D\uDE00".compareTo("\uFF01")).isNegative(); // why H2 needs the cast
    }

    @Test
    @DisplayName("the end of a prefix in code points: next code point, over surrogates, past U+10FFFF")
    void endOfCodePoints() {
        assertThat(TextOrder.endOfCodePoints("ab")).contains("ac");
        assertThat(TextOrder.endOfCodePoints("a%")).contains("a&");
        assertThat(TextOrder.endOfCodePoints("a ")).contains("a!");
        assertThat(TextOrder.endOfCodePoints("q\uD7FF")).contains("q\uE000");
        assertThat(TextOrder.endOfCodePoints("\uD83D\uDE00")).contains("\uD83D\uDE01");
        assertThat(TextOrder.endOfCodePoints("z\uDBFF\uDFFF")).contains("{");
        assertThat(TextOrder.endOfCodePoints("\uDBFF\uDFFF\uDBFF\uDFFF")).isEqualTo(Optional.empty());
        assertThat(TextOrder.endOfCodePoints("")).isEmpty();
    }

    @Test
    @DisplayName("the end of a prefix in UTF-16 code units (H2)")
    void endOfCodeUnits() {
        assertThat(TextOrder.endOfCodeUnits("ab")).contains("ac");
        assertThat(TextOrder.endOfCodeUnits("\uD83D\uDE00")).contains("\uD83D\uDE01");
        assertThat(TextOrder.endOfCodeUnits("x\uFFFF")).contains("y");
        assertThat(TextOrder.endOfCodeUnits("\uFFFF")).isEmpty();
    }
}
