package org.larchdb.auth.hba;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** The client-address column of a pg_hba.conf line. */
public sealed interface HbaAddress {

    /** Whether a TCP client at {@code client} (IPv4-mapped IPv6 already turned into IPv4) matches. */
    boolean matches(InetAddress client);

    /** {@code local} lines have no address column. */
    record Local() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            return false;
        }
    }

    /** The keyword {@code all}. */
    record All() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            return true;
        }
    }

    /** The keyword {@code samehost}: any of the server's own addresses. */
    record SameHost() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                        if (HbaConfig.normalize(ia.getAddress()).equals(client)) {
                            return true;
                        }
                    }
                }
            } catch (SocketException e) {
                return false; // as PostgreSQL: no interface list, no match
            }
            return false;
        }
    }

    /** The keyword {@code samenet}: any subnet the server is directly connected to. */
    record SameNet() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                        InetAddress own = HbaConfig.normalize(ia.getAddress());
                        int bits = ia.getNetworkPrefixLength();
                        if (own.getClass() == client.getClass()
                                && Network.ofPrefix(own, bits).matches(client)) {
                            return true;
                        }
                    }
                }
            } catch (SocketException e) {
                return false;
            }
            return false;
        }
    }

    /**
     * An address with a mask ({@code 10.0.0.0/8}, or {@code 10.0.0.0 255.0.0.0}); as in PostgreSQL
     * the mask need not be contiguous and host bits of the address are ignored.
     */
    record Network(InetAddress address, InetAddress mask) implements HbaAddress {

        static Network ofPrefix(InetAddress address, int prefixLength) {
            byte[] mask = new byte[address.getAddress().length];
            for (int i = 0; i < mask.length; i++) {
                int bits = Math.max(0, Math.min(8, prefixLength - 8 * i));
                mask[i] = (byte) (0xFF00 >> bits);
            }
            try {
                return new Network(address, InetAddress.getByAddress(mask));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("mask of valid length", e);
            }
        }

        @Override
        public boolean matches(InetAddress client) {
            byte[] a = address.getAddress();
            byte[] m = mask.getAddress();
            byte[] c = client.getAddress();
            if (a.length != c.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (((a[i] ^ c[i]) & m[i]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
