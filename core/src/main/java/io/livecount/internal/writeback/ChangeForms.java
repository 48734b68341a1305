package io.livecount.internal.writeback;

import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The binary forms of {@link Entries}' changes behind {@link io.livecount.spi.EntryChanges}: a
 * tag, then the change's numbers. Tags are fixed: a provider's members or clients of different
 * versions read each other's forms only if the tags stay.
 */
public final class ChangeForms {

    private static final int ADD = 1;
    private static final int BEGIN_FLUSH = 2;
    private static final int COMPLETE_FLUSH = 3;
    private static final int COMPLETE_AND_BEGIN = 4;
    private static final int RENAME_FLUSH = 5;
    private static final int FORGET_STORED = 6;
    private static final int SWAP = 7;

    private ChangeForms() {}

    /** See {@link io.livecount.spi.EntryChanges#write}. */
    public static boolean write(DataOutput out, EntryChange change) throws IOException {
        // on every remote add: one byte and plain writes, no array of numbers
        if (change instanceof Entries.Add add) {
            out.writeByte(ADD);
            out.writeLong(add.delta());
        } else if (change instanceof Entries.BeginFlush begin) {
            out.writeByte(BEGIN_FLUSH);
            out.writeLong(begin.flushId());
        } else if (change instanceof Entries.CompleteFlush complete) {
            out.writeByte(COMPLETE_FLUSH);
            out.writeLong(complete.flushId());
        } else if (change instanceof Entries.CompleteAndBegin both) {
            out.writeByte(COMPLETE_AND_BEGIN);
            out.writeLong(both.committedId());
            out.writeLong(both.flushId());
        } else if (change instanceof Entries.RenameFlush rename) {
            out.writeByte(RENAME_FLUSH);
            out.writeLong(rename.oldId());
            out.writeLong(rename.newId());
        } else if (change instanceof Entries.ForgetStored) {
            out.writeByte(FORGET_STORED);
        } else if (change instanceof Entries.Swap swap) {
            out.writeByte(SWAP);
            writeEntry(out, swap.expected());
            writeEntry(out, swap.next());
        } else {
            return false;
        }
        return true;
    }

    /** See {@link io.livecount.spi.EntryChanges#read}. */
    public static EntryChange read(int tag, DataInput in) throws IOException {
        return switch (tag) {
            case ADD -> new Entries.Add(in.readLong());
            case BEGIN_FLUSH -> new Entries.BeginFlush(in.readLong());
            case COMPLETE_FLUSH -> new Entries.CompleteFlush(in.readLong());
            case COMPLETE_AND_BEGIN -> new Entries.CompleteAndBegin(in.readLong(), in.readLong());
            case RENAME_FLUSH -> new Entries.RenameFlush(in.readLong(), in.readLong());
            case FORGET_STORED -> new Entries.ForgetStored();
            case SWAP -> new Entries.Swap(readEntry(in), readEntry(in));
            default -> throw new IOException("no change of Livecount's has the tag " + tag);
        };
    }

    private static void writeEntry(DataOutput out, CounterEntry entry) throws IOException {
        out.writeBoolean(entry != null);
        if (entry != null) {
            out.writeLong(entry.stored());
            out.writeLong(entry.pending());
            out.writeLong(entry.inflight());
            out.writeLong(entry.flushId());
            out.writeLong(entry.loadedAt());
        }
    }

    private static CounterEntry readEntry(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new CounterEntry(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
