package org.larchdb.engine.tx.lock;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a lock protects. The granularity hierarchy is database → relation → page / tuple / index
 * key; {@link #parent()} names the node one level up, which is what intention locks are taken on
 * and what escalation replaces many fine locks with. A {@link Transaction} target stands for "the
 * end of that transaction" and has no parent (others wait on it in ShareLock mode).
 *
 * <p>Descriptions follow PostgreSQL's DescribeLockTag wording so deadlock reports read the same.
 */
public sealed interface LockTarget {

    /** The node one level up in the hierarchy, or null at the top. */
    LockTarget parent();

    /** "relation 16384 of database 5", as in PostgreSQL's deadlock DETAIL. */
    String describe();

    /** True for the fine-grained targets that count toward escalation of their parent. */
    default boolean isLeaf() {
        return false;
    }

    record Database(int database) implements LockTarget {
        public LockTarget parent() {
            return null;
        }

        public String describe() {
            return "database " + database;
        }
    }

    /** A table, index, sequence or any other pg_class entry, by OID. */
    record Relation(int database, int relation) implements LockTarget {
        public LockTarget parent() {
            return new Database(database);
        }

        public String describe() {
            return "relation " + relation + " of database " + database;
        }
    }

    record Page(int database, int relation, int block) implements LockTarget {
        public LockTarget parent() {
            return new Relation(database, relation);
        }

        public String describe() {
            return "page " + block + " of relation " + relation + " of database " + database;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }
    }

    /** A heap tuple; {@code tid} is {@code Tid.toLong()} (block in the high 32 bits, slot low). */
    record Tuple(int database, int relation, long tid) implements LockTarget {
        public LockTarget parent() {
            return new Relation(database, relation);
        }

        public int block() {
            return (int) (tid >>> 32);
        }

        public int slot() {
            return (int) tid;
        }

        public String describe() {
            return "tuple (" + block() + "," + slot() + ") of relation " + relation + " of database "
                + database;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }
    }

    /**
     * One encoded key of an index (next-key / key-range locking for SERIALIZABLE): locking key k
     * protects k itself and the gap just below it. Its parent is the index's own relation, so a
     * scan may lock the whole index in S and inserters take IX on the index relation. The bytes
     * are copied and compared by content.
     */
    record IndexKey(int database, int index, byte[] key) implements LockTarget {
        public IndexKey {
            key = key.clone();
        }

        public LockTarget parent() {
            return new Relation(database, index);
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        public String describe() {
            return "key " + HexFormat.of().formatHex(key) + " of index " + index + " of database "
                + database;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IndexKey k && k.database == database && k.index == index
                && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return (database * 31 + index) * 31 + Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "IndexKey[" + database + "," + index + "," + HexFormat.of().formatHex(key) + "]";
        }
    }

    /** A transaction's id: its owner holds it exclusively; waiting for it = waiting for its end. */
    record Transaction(long xid) implements LockTarget {
        public LockTarget parent() {
            return null;
        }

        public String describe() {
            return "transaction " + xid;
        }
    }
}
