package org.larchdb.engine.sequence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.catalog.SequenceInfo;
import org.larchdb.engine.error.DbException;
import org.larchdb.engine.error.SqlState;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.HeapScan;
import org.larchdb.engine.storage.Storage;
import org.larchdb.engine.storage.Tid;
import org.larchdb.engine.storage.TxLog;
import org.larchdb.engine.storage.wal.WalPosition;
import org.larchdb.engine.storage.wal.WalWriter;
import org.larchdb.engine.types.DataType;
import org.larchdb.engine.types.TupleCodec;

/**
 * The current values of all sequences of a database. Each sequence's heap holds one tuple
 * (last_value, log_cnt, is_called), changed in place with redo-only WAL ({@link TxLog#NONE}), so
 * an advance is never rolled back.
 *
 * <p>Durability (catalog/README.md, "Sequences"): the tuple does not hold the last value handed out
 * but a <em>reservation</em>: up to {@link #LOG_AHEAD} values ahead of it (PostgreSQL's SEQ_LOG_VALS),
 * written and flushed to the WAL before the first value it covers is returned. After a crash the
 * sequence continues after the reservation, so a value can be skipped but is never handed out twice.
 * In memory each sequence keeps the real state under its own lock (never {@code synchronized}).
 */
public final class SequenceStore {
    /** Values reserved by one WAL record, as PostgreSQL's SEQ_LOG_VALS. */
    public static final int LOG_AHEAD = 32;

    private static final TupleCodec CODEC = new TupleCodec(new DataType[] {DataType.INT8, DataType.INT8,
        DataType.BOOL});

    private final Storage storage;
    private final Map<Integer, State> states = new ConcurrentHashMap<>();

    public SequenceStore(Storage storage) {
        this.storage = storage;
    }

    /** One sequence's run-time state; all fields guarded by {@code lock}. */
    private static final class State {
        final ReentrantLock lock = new ReentrantLock();
        boolean loaded;
        Tid tid;
        long lastValue;
        boolean isCalled;
        /** The value the heap tuple holds (is_called): every value up to it may have been handed out. */
        long reserved;
        boolean reservationValid;
    }

    /** Stores the first state tuple of a new sequence (its file was created by the catalog). */
    public void initialize(RelationInfo sequence, long start) {
        heap(sequence).insert(TxLog.NONE, CODEC.encode(new Object[] {start, 0L, false}));
        states.remove(sequence.relfilenode());
    }

    /** Forgets the cached state (the sequence was dropped, or its creation rolled back). */
    public void forget(RelationInfo sequence) {
        states.remove(sequence.relfilenode());
    }

    /** nextval: the next value, advancing the sequence (2200H at its limit unless it cycles). */
    public long next(RelationInfo sequence, SequenceInfo p) {
        State s = state(sequence);
        s.lock.lock();
        try {
            load(sequence, s);
            long next;
            if (!s.isCalled) {
                next = s.lastValue;
            } else {
                next = step(sequence, p, s.lastValue);
                if (p.increment() > 0 ? next < s.lastValue : next > s.lastValue) {
                    s.reservationValid = false; // cycled: the old reservation says nothing about these values
                }
            }
            if (!s.reservationValid || beyond(next, s.reserved, p.increment())) {
                long reserve = reach(next, p.increment(), LOG_AHEAD - 1, p.min(), p.max());
                write(sequence, s, reserve, true);
                s.reserved = reserve;
                s.reservationValid = true;
            }
            s.lastValue = next;
            s.isCalled = true;
            return next;
        } finally {
            s.lock.unlock();
        }
    }

    /** setval: sets the state at once (not rolled back), durably. */
    public void set(RelationInfo sequence, SequenceInfo p, long value, boolean isCalled) {
        if (value < p.min() || value > p.max()) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                    + " is out of bounds for sequence \"" + sequence.name() + "\" (" + p.min() + ".." + p.max() + ")");
        }
        State s = state(sequence);
        s.lock.lock();
        try {
            load(sequence, s);
            write(sequence, s, value, isCalled);
            s.lastValue = value;
            s.isCalled = isCalled;
            s.reserved = value;
            s.reservationValid = isCalled;
        } finally {
            s.lock.unlock();
        }
    }

    /** The current (last_value, is_called) pair, for ALTER SEQUENCE's checks. */
    public long lastValue(RelationInfo sequence) {
        State s = state(sequence);
        s.lock.lock();
        try {
            load(sequence, s);
            return s.lastValue;
        } finally {
            s.lock.unlock();
        }
    }

    /** The current is_called flag (TRUNCATE ... RESTART IDENTITY restores it on rollback). */
    public boolean isCalled(RelationInfo sequence) {
        State s = state(sequence);
        s.lock.lock();
        try {
            load(sequence, s);
            return s.isCalled;
        } finally {
            s.lock.unlock();
        }
    }

    /** After ALTER SEQUENCE changed the parameters: the next nextval writes a fresh reservation. */
    public void parametersChanged(RelationInfo sequence) {
        State s = state(sequence);
        s.lock.lock();
        try {
            s.reservationValid = false;
        } finally {
            s.lock.unlock();
        }
    }

    private State state(RelationInfo sequence) {
        return states.computeIfAbsent(sequence.relfilenode(), k -> new State());
    }

    private void load(RelationInfo sequence, State s) {
        if (s.loaded) {
            return;
        }
        try (HeapScan scan = heap(sequence).scan()) {
            if (!scan.next()) {
                throw new DbException(SqlState.DATA_CORRUPTED, "sequence \"" + sequence.name()
                        + "\" has no state tuple");
            }
            Object[] row = CODEC.decode(scan.tuple());
            s.tid = scan.tid();
            s.lastValue = (Long) row[0];
            s.isCalled = (Boolean) row[2];
            // Whatever a crash left, values up to the stored one count as handed out.
            s.reserved = s.lastValue;
            s.reservationValid = s.isCalled;
            s.loaded = true;
        }
    }

    /** Writes the state tuple in place, redo-only, and flushes the WAL so the reservation is durable now. */
    private void write(RelationInfo sequence, State s, long value, boolean isCalled) {
        long[] end = new long[1];
        TxLog log = (wal, record) -> {
            WalPosition at = TxLog.NONE.log(wal, record);
            end[0] = at.end();
            return at;
        };
        s.tid = heap(sequence).update(log, s.tid, CODEC.encode(new Object[] {value, 0L, isCalled}));
        WalWriter wal = storage.wal();
        if (wal != null && end[0] != 0) {
            wal.flush(end[0]);
        }
    }

    private HeapFile heap(RelationInfo sequence) {
        return storage.heap(sequence.relfilenode());
    }

    /** The value after {@code last}: one increment on, cycling or failing at the limits. */
    static long step(RelationInfo sequence, SequenceInfo p, long last) {
        long inc = p.increment();
        boolean overflow;
        long next = 0;
        try {
            next = Math.addExact(last, inc);
            overflow = inc > 0 ? next > p.max() : next < p.min();
        } catch (ArithmeticException e) {
            overflow = true;
        }
        if (!overflow) {
            return next;
        }
        if (!p.cycle()) {
            boolean up = inc > 0;
            throw new DbException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached "
                    + (up ? "maximum" : "minimum") + " value of sequence \"" + sequence.name() + "\" ("
                    + (up ? p.max() : p.min()) + ")");
        }
        return inc > 0 ? p.min() : p.max();
    }

    /** {@code from + steps * inc}, clamped to [min, max] (a reservation never wraps around). */
    static long reach(long from, long inc, int steps, long min, long max) {
        try {
            long to = Math.addExact(from, Math.multiplyExact(inc, (long) steps));
            return Math.max(min, Math.min(max, to));
        } catch (ArithmeticException e) {
            return inc > 0 ? max : min;
        }
    }

    /** Whether {@code value} lies past the reservation in the direction the sequence moves. */
    static boolean beyond(long value, long reserved, long inc) {
        return inc > 0 ? value > reserved : value < reserved;
    }
}
