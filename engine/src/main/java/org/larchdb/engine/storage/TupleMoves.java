package org.larchdb.engine.storage;

import java.util.HashMap;
import java.util.Map;

/**
 * Where undo put tuples it could not restore at their old slot (docs/storage.md §9 "physical undo,
 * logical placement"): older undo steps of the same transaction that name the old tid are
 * translated through this map. One per rollback (or per loser during recovery).
 */
public final class TupleMoves {
    private record Key(int relfilenode, Tid tid) {
    }

    private final Map<Key, Tid> moved = new HashMap<>();

    /** The tuple's current tid: {@code tid} unless undo moved it. */
    public Tid current(int relfilenode, Tid tid) {
        Tid t = moved.get(new Key(relfilenode, tid));
        return t != null ? t : tid;
    }

    void moved(int relfilenode, Tid from, Tid to) {
        moved.put(new Key(relfilenode, from), to);
    }
}
