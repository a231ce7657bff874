package org.larchdb.engine.storage;

/**
 * Lets the inserter of a tuple claim its tuple id (take the row lock) before the tuple becomes
 * visible: the heap calls {@link #tryClaim} with the page latched exclusively, for the slot it is
 * about to use, before writing anything. It must not block (a no-wait lock attempt); when it
 * refuses, the heap tries another free slot, a new line pointer or another page, never the refused
 * tid. For a large tuple only the head's tid is offered.
 */
@FunctionalInterface
public interface TidClaim {

    /** Accepts every tid: the behaviour of the overloads without a claim. */
    TidClaim ANY = tid -> true;

    /** Whether the caller now holds {@code tid} for the new tuple; must return at once. */
    boolean tryClaim(Tid tid);
}
