package org.larchdb.engine.storage.wal;

/**
 * A record whose frame is intact (length and CRC check out) but whose payload does not decode.
 * Unlike a torn tail this is not the end of the log but a bug or a foreign format, so the reader
 * turns it into XX001 rather than silently truncating history.
 */
final class MalformedRecordException extends RuntimeException {
    MalformedRecordException(String message) {
        super(message, null, false, false);
    }
}
