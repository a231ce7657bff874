package org.larchdb.engine;

/** What a session tells its front end outside of results: parameter changes to report and notices. */
public interface SessionListener {

    /** A GUC_REPORT parameter changed (SET application_name...): the front end sends ParameterStatus. */
    void parameterChanged(String name, String value);

    /** A notice or warning raised by the running statement. */
    void notice(Notice notice);

    /**
     * pg_terminate_backend chose this session: the front end should end the connection with FATAL
     * 57P01 as soon as it can, even while idle. Called from the terminating session's thread.
     */
    default void terminateRequested() {
    }

    SessionListener NONE = new SessionListener() {
        @Override
        public void parameterChanged(String name, String value) {
        }

        @Override
        public void notice(Notice notice) {
        }
    };
}
