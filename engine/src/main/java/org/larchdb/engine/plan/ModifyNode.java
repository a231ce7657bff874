package org.larchdb.engine.plan;

import org.larchdb.engine.catalog.RelationInfo;
import org.larchdb.engine.exec.ExecContext;

/** The top of an INSERT, UPDATE or DELETE plan: changes the target table and counts the rows changed. */
public interface ModifyNode {

    RelationInfo target();

    /** Runs the change inside the context's transaction; returns the number of rows affected. */
    long execute(ExecContext ctx);
}
