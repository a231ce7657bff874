package org.larchdb.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.larchdb.engine.security.RoleInfo;
import org.larchdb.engine.tx.lock.LockManager;
import org.larchdb.engine.tx.lock.LockTarget;

/**
 * The rows of pg_stat_activity, one per open session, ordered by pid. As in PostgreSQL 15, a
 * viewer that is neither a superuser nor the session's role sees only who and where (datid,
 * datname, pid, usesysid, usename, application_name, backend_xid) and query
 * {@code <insufficient privilege>}; every other column is NULL. The session caches these rows
 * until its transaction ends, as PostgreSQL does with its backend status snapshot.
 */
final class PgStatActivityView {
    static final String INSUFFICIENT_PRIVILEGE = "<insufficient privilege>";

    private PgStatActivityView() {
    }

    static List<Object[]> rows(List<SessionActivity> sessions, RoleInfo viewer, LockManager locks) {
        List<SessionActivity> ordered = new ArrayList<>(sessions);
        ordered.sort(Comparator.comparingInt(SessionActivity::pid));
        List<Object[]> rows = new ArrayList<>(ordered.size());
        for (SessionActivity a : ordered) {
            rows.add(row(a, viewer.superuser() || viewer.oid() == a.roleOid(), locks));
        }
        return rows;
    }

    /**
     * An address as PostgreSQL's inet output prints a host address: dotted IPv4, or IPv6 with
     * the longest run of two or more zero groups written "::" ("::1", not Java's "0:0:0:0:0:0:0:1").
     */
    static String inetText(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Fresh row arrays over the same values, so a cached snapshot is never changed by its readers. */
    static List<Object[]> copy(List<Object[]> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(r.clone());
        }
        return out;
    }

    private static Object[] row(SessionActivity a, boolean visible, LockManager locks) {
        Object[] r = new Object[22];
        long xid = a.transactionId();
        r[0] = a.databaseOid();
        r[1] = a.databaseName();
        r[2] = a.pid();
        r[4] = a.roleOid();
        r[5] = a.roleName();
        r[6] = a.applicationName();
        long writing = a.writingTransactionId();
        r[17] = writing == 0 ? null : writing;
        if (!visible) {
            r[20] = INSUFFICIENT_PRIVILEGE;
            return r;
        }
        InetSocketAddress client = a.client();
        if (client != null && client.getAddress() != null) {
            r[7] = inetText(client.getAddress());
            r[9] = client.getPort();
        } else {
            r[9] = -1; // PostgreSQL's value for a client without a TCP port (Unix socket)
        }
        r[10] = a.backendStart();
        r[11] = a.transactionStart();
        r[12] = a.queryStart();
        r[13] = a.stateChange();
        String state = a.state();
        LockTarget awaited = xid == 0 ? null : locks.waitingFor(xid);
        if (awaited != null) {
            r[14] = "Lock";
            r[15] = PgLocksView.lockType(awaited);
        } else if (!state.equals(SessionActivity.ACTIVE)) {
            // An idle backend is blocked reading from its client, as PostgreSQL reports it.
            r[14] = "Client";
            r[15] = "ClientRead";
        }
        r[16] = state;
        r[20] = a.query();
        r[21] = "client backend";
        return r;
    }
}
