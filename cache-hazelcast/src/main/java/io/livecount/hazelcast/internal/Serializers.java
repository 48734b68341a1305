package io.livecount.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.Serializer;
import com.hazelcast.nio.serialization.SerializerHook;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryChanges;
import java.io.IOException;

/**
 * Compact binary forms of what Livecount puts into Hazelcast, registered by Hazelcast itself
 * through {@code META-INF/services/com.hazelcast.SerializerHook} on every member and client that
 * has this jar: users configure nothing. Without them Hazelcast would use Java serialization,
 * several times slower and larger, for every key and entry.
 *
 * <p>Core's changes inside an {@link ApplyChange} (every add and write-back step) travel in core's
 * own compact form ({@link EntryChanges}); other changes by Java serialization.
 *
 * <p>Keys are written as UTF-8 strings (byte-exact; Hazelcast compares and partitions keys by
 * their serialized bytes) and the period by name, so that the form does not depend on the order
 * of the enum. Type ids are fixed: changing one breaks rolling upgrades.
 */
public final class Serializers {

    static final int BUCKET_KEY = 0x4C43_0001;
    static final int COUNTER_ENTRY = 0x4C43_0002;
    static final int APPLY_CHANGE = 0x4C43_0003;
    static final int COUNTER_BUCKET = 0x4C43_0004;
    static final int DIRTY_ENTRIES = 0x4C43_0005;
    static final int STORED_ENTRY = 0x4C43_0006;
    static final int REPLICA_VALUE = 0x4C43_0007;
    static final int EXPIRE_CLEAN = 0x4C43_0008;
    static final int FLIPPED = 0x4C43_0009;

    private Serializers() {}

    /** One serializer for one type, as Hazelcast's {@link SerializerHook} expects. */
    private abstract static class Hook<T> implements SerializerHook<T>, StreamSerializer<T> {
        private final Class<T> type;
        private final int typeId;

        Hook(Class<T> type, int typeId) {
            this.type = type;
            this.typeId = typeId;
        }

        @Override
        public Class<T> getSerializationType() {
            return type;
        }

        @Override
        public Serializer createSerializer() {
            return this;
        }

        @Override
        public boolean isOverwritable() {
            return true; // a user's own configuration wins
        }

        @Override
        public int getTypeId() {
            return typeId;
        }
    }

    public static final class BucketKeyHook extends Hook<BucketKey> {
        public BucketKeyHook() {
            super(BucketKey.class, BUCKET_KEY);
        }

        @Override
        public void write(ObjectDataOutput out, BucketKey key) throws IOException {
            out.writeString(key.key().namespace());
            out.writeString(key.key().name());
            out.writeString(key.period().name());
            out.writeLong(key.bucketStart());
        }

        @Override
        public BucketKey read(ObjectDataInput in) throws IOException {
            CounterKey key = new CounterKey(in.readString(), in.readString());
            return new BucketKey(key, Period.valueOf(in.readString()), in.readLong());
        }
    }

    public static final class CounterEntryHook extends Hook<CounterEntry> {
        public CounterEntryHook() {
            super(CounterEntry.class, COUNTER_ENTRY);
        }

        @Override
        public void write(ObjectDataOutput out, CounterEntry entry) throws IOException {
            writeEntry(out, entry);
        }

        @Override
        public CounterEntry read(ObjectDataInput in) throws IOException {
            return readEntry(in);
        }
    }

    public static final class ApplyChangeHook extends Hook<ApplyChange> {
        public ApplyChangeHook() {
            super(ApplyChange.class, APPLY_CHANGE);
        }

        /** The tag of a change that is not one of core's (this provider's {@link Swap}, a test's lambda). */
        private static final int OTHER_CHANGE = 0;

        @Override
        public void write(ObjectDataOutput out, ApplyChange apply) throws IOException {
            if (!EntryChanges.write(out, apply.change())) { // core's: a tag and a few numbers
                out.writeByte(OTHER_CHANGE);
                out.writeObject(apply.change());
            }
            out.writeLong(apply.caller());
            out.writeLong(apply.sequence());
        }

        @Override
        public ApplyChange read(ObjectDataInput in) throws IOException {
            int tag = in.readByte();
            EntryChange change = tag == OTHER_CHANGE ? in.readObject() : EntryChanges.read(tag, in);
            return new ApplyChange(change, in.readLong(), in.readLong());
        }
    }

    public static final class CounterBucketHook extends Hook<CounterBucket> {
        private final BucketKeyHook bucket = new BucketKeyHook();

        public CounterBucketHook() {
            super(CounterBucket.class, COUNTER_BUCKET);
        }

        @Override
        public void write(ObjectDataOutput out, CounterBucket key) throws IOException {
            bucket.write(out, key.bucket());
        }

        @Override
        public CounterBucket read(ObjectDataInput in) throws IOException {
            return new CounterBucket(bucket.read(in));
        }
    }

    public static final class DirtyEntriesHook extends Hook<DirtyEntries> {
        public DirtyEntriesHook() {
            super(DirtyEntries.class, DIRTY_ENTRIES);
        }

        @Override
        public void write(ObjectDataOutput out, DirtyEntries predicate) {}

        @Override
        public DirtyEntries read(ObjectDataInput in) {
            return DirtyEntries.INSTANCE;
        }
    }

    public static final class StoredEntryHook extends Hook<StoredEntry> {
        public StoredEntryHook() {
            super(StoredEntry.class, STORED_ENTRY);
        }

        @Override
        public void write(ObjectDataOutput out, StoredEntry stored) throws IOException {
            writeStored(out, stored);
        }

        @Override
        public StoredEntry read(ObjectDataInput in) throws IOException {
            return readStored(in);
        }
    }

    public static final class ReplicaValueHook extends Hook<ReplicaValue> {
        public ReplicaValueHook() {
            super(ReplicaValue.class, REPLICA_VALUE);
        }

        @Override
        public void write(ObjectDataOutput out, ReplicaValue replica) throws IOException {
            out.writeBoolean(replica.value() != null);
            if (replica.value() != null) {
                writeStored(out, replica.value());
            }
        }

        @Override
        public ReplicaValue read(ObjectDataInput in) throws IOException {
            return new ReplicaValue(in.readBoolean() ? readStored(in) : null);
        }
    }

    public static final class ExpireCleanHook extends Hook<ExpireClean> {
        public ExpireCleanHook() {
            super(ExpireClean.class, EXPIRE_CLEAN);
        }

        @Override
        public void write(ObjectDataOutput out, ExpireClean expire) throws IOException {
            out.writeLong(expire.cutoffMillis());
            out.writeLong(expire.nowMillis());
        }

        @Override
        public ExpireClean read(ObjectDataInput in) throws IOException {
            return new ExpireClean(in.readLong(), in.readLong());
        }
    }

    /** The answer to every add that makes an entry dirty: Hazelcast serializes every answer, even on the caller's member. */
    public static final class FlippedHook extends Hook<ApplyChange.Flipped> {
        public FlippedHook() {
            super(ApplyChange.Flipped.class, FLIPPED);
        }

        @Override
        public void write(ObjectDataOutput out, ApplyChange.Flipped flipped) throws IOException {
            out.writeBoolean(flipped.dirty());
            out.writeBoolean(flipped.entry() != null);
            if (flipped.entry() != null) {
                writeEntry(out, flipped.entry());
            }
        }

        @Override
        public ApplyChange.Flipped read(ObjectDataInput in) throws IOException {
            boolean dirty = in.readBoolean();
            return new ApplyChange.Flipped(in.readBoolean() ? readEntry(in) : null, dirty);
        }
    }

    private static void writeStored(ObjectDataOutput out, StoredEntry stored) throws IOException {
        out.writeBoolean(!stored.isTombstone());
        if (!stored.isTombstone()) {
            writeEntry(out, stored.entry());
        }
        out.writeLong(stored.changedAt());
        out.writeLongArray(stored.callers());
    }

    private static StoredEntry readStored(ObjectDataInput in) throws IOException {
        CounterEntry entry = in.readBoolean() ? readEntry(in) : null;
        long changedAt = in.readLong();
        return new StoredEntry(entry, changedAt, in.readLongArray());
    }

    private static void writeEntry(ObjectDataOutput out, CounterEntry entry) throws IOException {
        out.writeLong(entry.stored());
        out.writeLong(entry.pending());
        out.writeLong(entry.inflight());
        out.writeLong(entry.flushId());
        out.writeLong(entry.loadedAt());
    }

    private static CounterEntry readEntry(ObjectDataInput in) throws IOException {
        return new CounterEntry(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
