package io.livecount.demo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV export cells")
class CsvTest {

    @Test
    @DisplayName("plain text and numbers are written as they are, rows end in CRLF")
    void plain() {
        assertThat(new Csv()
                        .row(List.of("counter", "value"))
                        .row(List.of("https://example.com/", 42L))
                        .toString())
                .isEqualTo("counter,value\r\nhttps://example.com/,42\r\n");
    }

    @Test
    @DisplayName("commas, quotes and line breaks are quoted, quotes doubled (RFC 4180)")
    void quoting() {
        assertThat(Csv.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.text("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.text("")).isEmpty();
    }

    @Test
    @DisplayName("text a spreadsheet would run as a formula gets a leading apostrophe, quoted if needed")
    void formulas() {
        assertThat(Csv.text("=HYPERLINK(\"http://evil.test\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil.test\"\")\"");
        assertThat(Csv.text("+1")).isEqualTo("'+1");
        assertThat(Csv.text("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.text("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.text("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(Csv.text("a=b")).isEqualTo("a=b");
    }

    @Test
    @DisplayName("numbers stay numbers, negative ones too; a negative number as text is neutralized")
    void numbers() {
        assertThat(new Csv().row(List.of(-5L, 7, "-5")).toString()).isEqualTo("-5,7,'-5\r\n");
    }
}
