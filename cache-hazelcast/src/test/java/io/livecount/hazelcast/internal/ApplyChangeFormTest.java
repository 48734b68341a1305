package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.livecount.hazelcast.TestMembers;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryChanges;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A change sent to the owner of an entry")
class ApplyChangeFormTest {

    private final SerializationService serialization =
            ((SerializationServiceSupport) TestMembers.shared()).getSerializationService();

    @Test
    @DisplayName(
            "carries core's change in core's compact form (an add: a tag and three numbers, not a Java-serialized record)")
    void coreChange() throws IOException {
        EntryChange add = EntryChanges.read(
                1, new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 0, 0, 0, 0, 5})));
        ApplyChange back = roundTrip(new ApplyChange(add, 7, 9));
        assertThat(back.change()).isEqualTo(add);
        assertThat(back.caller()).isEqualTo(7);
        assertThat(back.sequence()).isEqualTo(9);
        assertThat(serialization.toData(new ApplyChange(add, 7, 9)).totalSize()).isLessThan(40);
    }

    @Test
    @DisplayName("carries any other change by Java serialization")
    void otherChange() {
        Swap swap = new Swap(null, new CounterEntry(1, 2, 3, 4, 5));
        ApplyChange back = roundTrip(new ApplyChange(swap, 7, 9));
        assertThat(back.change()).isEqualTo(swap);
        assertThat(back.sequence()).isEqualTo(9);
    }

    private ApplyChange roundTrip(ApplyChange apply) {
        Data data = serialization.toData(apply);
        assertThat(data.getType()).isEqualTo(Serializers.APPLY_CHANGE);
        return serialization.toObject(data);
    }
}
