package org.larchdb.engine.exec;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.larchdb.engine.catalog.IndexInfo;
import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.sql.SystemView;
import org.larchdb.engine.storage.HeapFile;
import org.larchdb.engine.storage.btree.BTree;
import org.larchdb.engine.tx.Transaction;
import org.larchdb.engine.types.TextFormat;

/**
 * An execution context that passes everything to the one it wraps; subclasses add what a nested
 * run needs (an outer row for a subquery, a working table for a recursive query).
 */
abstract class ForwardingExecContext implements ExecContext {
    protected final ExecContext enclosing;

    ForwardingExecContext(ExecContext enclosing) {
        this.enclosing = enclosing;
    }

    @Override
    public Object outerValue(int levelsUp, int index) {
        return enclosing.outerValue(levelsUp, index);
    }

    @Override
    public java.util.List<Object[]> workTable(Object key) {
        return enclosing.workTable(key);
    }

    @Override
    public org.larchdb.engine.sequence.SequenceFunctions sequences() {
        return enclosing.sequences();
    }

    @Override
    public String description(long objoid, String catalog, int objsubid) {
        return enclosing.description(objoid, catalog, objsubid);
    }

    @Override
    public HeapFile heap(RelationInfo relation) {
        return enclosing.heap(relation);
    }

    @Override
    public org.larchdb.engine.tx.TransactionLocks locks() {
        return enclosing.locks();
    }

    @Override
    public ForeignKeyChecks foreignKeyChecks() {
        return enclosing.foreignKeyChecks();
    }

    @Override
    public BTree btree(IndexInfo index) {
        return enclosing.btree(index);
    }

    @Override
    public Transaction transaction() {
        return enclosing.transaction();
    }

    @Override
    public List<Object[]> systemViewRows(SystemView view) {
        return enclosing.systemViewRows(view);
    }

    @Override
    public Object parameter(int index) {
        return enclosing.parameter(index);
    }

    @Override
    public ZoneId timeZone() {
        return enclosing.timeZone();
    }

    @Override
    public TextFormat textFormat() {
        return enclosing.textFormat();
    }

    @Override
    public Instant transactionStart() {
        return enclosing.transactionStart();
    }

    @Override
    public String currentUser() {
        return enclosing.currentUser();
    }

    @Override
    public String sessionUser() {
        return enclosing.sessionUser();
    }

    @Override
    public String currentDatabase() {
        return enclosing.currentDatabase();
    }

    @Override
    public String currentSchema() {
        return enclosing.currentSchema();
    }

    @Override
    public String setting(String name) {
        return enclosing.setting(name);
    }

    @Override
    public int backendPid() {
        return enclosing.backendPid();
    }

    @Override
    public boolean checkIndex(String indexName) {
        return enclosing.checkIndex(indexName);
    }

    @Override
    public boolean signalBackend(int pid, boolean terminate, long timeoutMillis) {
        return enclosing.signalBackend(pid, terminate, timeoutMillis);
    }

    @Override
    public void checkInterrupts() {
        enclosing.checkInterrupts();
    }
}
