package io.livecount.spi;

import io.livecount.internal.writeback.ChangeForms;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A compact binary form of the {@link EntryChange}s core hands to a cache, for providers that send
 * changes to another process (an entry processor running on the member that owns the entry): a tag
 * byte and the change's numbers, a few bytes where Java serialization writes a class description
 * and needs a stream of its own on each side. Changes of other origins (a provider's own) have no
 * form here; a provider sends those its own way, with a tag of 0 if it shares the tag byte.
 *
 * <p>Tags are fixed and never 0: a cluster whose nodes run different Livecount versions reads the
 * forms both versions know. Stateless; thread-safe.
 */
public final class EntryChanges {

    private EntryChanges() {}

    /**
     * Writes {@code change} as its tag (a byte, 1 to 127) and its numbers, and returns true; or
     * writes nothing and returns false if {@code change} is not one of core's.
     */
    public static boolean write(DataOutput out, EntryChange change) throws IOException {
        return ChangeForms.write(out, change);
    }

    /**
     * Reads the change that {@link #write} wrote, given its tag (already read).
     *
     * @throws IOException if no change of core's has that tag, or the input ends
     */
    public static EntryChange read(int tag, DataInput in) throws IOException {
        return ChangeForms.read(tag, in);
    }
}
