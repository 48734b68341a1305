package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryChanges;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Core's entry changes in binary form")
class ChangeFormsTest {

    private static final CounterEntry ENTRY = new CounterEntry(Long.MAX_VALUE, -3, 4, -5, 1_700_000_000_000L);

    /** One of each change core makes. */
    private static final List<EntryChange> EVERY_CHANGE = List.of(
            new Entries.Add(Long.MIN_VALUE),
            new Entries.BeginFlush(7),
            new Entries.CompleteFlush(8),
            new Entries.CompleteAndBegin(9, 10),
            new Entries.RenameFlush(11, 12),
            new Entries.ForgetStored(),
            new Entries.Swap(ENTRY, null),
            new Entries.Swap(null, ENTRY));

    @Test
    @DisplayName("read back equal to what was written, in a few bytes each")
    void roundTrip() throws IOException {
        for (EntryChange change : EVERY_CHANGE) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertThat(EntryChanges.write(new DataOutputStream(bytes), change))
                    .as("%s", change)
                    .isTrue();
            assertThat(bytes.size()).as("%s", change).isLessThanOrEqualTo(1 + 2 * 41);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            EntryChange read = EntryChanges.read(in.readByte(), in);
            assertThat(read).isEqualTo(change);
            assertThat(in.available()).as("all read").isZero();
        }
    }

    @Test
    @DisplayName("exist for every change record core has (a new one without a form would travel as Java serialization)")
    void everyRecordHasAForm() {
        long records = Arrays.stream(Entries.class.getDeclaredClasses())
                .filter(type -> type.isRecord() && EntryChange.class.isAssignableFrom(type))
                .count();
        assertThat(EVERY_CHANGE.stream().map(Object::getClass).distinct()).hasSize((int) records);
    }

    @Test
    @DisplayName("are not written for other changes, and an unknown tag is refused")
    void others() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(EntryChanges.write(new DataOutputStream(bytes), current -> current))
                .isFalse();
        assertThat(bytes.size()).isZero();
        DataInputStream empty = new DataInputStream(new ByteArrayInputStream(new byte[0]));
        assertThatThrownBy(() -> EntryChanges.read(0, empty)).hasMessageContaining("tag 0");
        assertThatThrownBy(() -> EntryChanges.read(99, empty)).hasMessageContaining("tag 99");
    }
}
