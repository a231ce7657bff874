package org.larchdb.engine.storage;

/** TEMPORARY until the heap branch lands: claims a tuple id before an insert uses it. */
@FunctionalInterface
public interface TidClaim {
    boolean tryClaim(Tid tid);

    TidClaim ANY = t -> true;
}
