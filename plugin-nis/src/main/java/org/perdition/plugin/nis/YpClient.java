package org.perdition.plugin.nis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** YPPROC_MATCH (RFC-less Sun YP protocol, {@code yp_prot.h}: program 100004, version 2, procedure 3). */
final class YpClient {

    static final int YP_PROGRAM = 100004;
    static final int YP_VERSION = 2;
    private static final int YPPROC_MATCH = 3;
    /** YPMAXRECORD: longer keys cannot be in any map. */
    static final int YP_MAX_RECORD = 1024;

    /** The ypstat of a ypresp_val, with {@code yp_prot.h}'s names. */
    enum Status {
        TRUE(1), NOMORE(2), FALSE(0), NOMAP(-1), NODOM(-2), NOKEY(-3), BADOP(-4), BADDB(-5), YPERR(-6),
        BADARGS(-7), VERS(-8), UNKNOWN(Integer.MIN_VALUE);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        static Status of(int code) {
            for (Status status : values()) {
                if (status.code == code) {
                    return status;
                }
            }
            return UNKNOWN;
        }
    }

    /** @param value the value's bytes when {@code status} is TRUE */
    record Match(Status status, int code, byte[] value) {
    }

    private final OncRpcUdpClient rpc;

    YpClient(OncRpcUdpClient rpc) {
        this.rpc = rpc;
    }

    /** ypreq_key {domain, map, keydat}; the key goes without a NUL, as perdition's yp_match (spec §5.9). */
    Match match(InetSocketAddress server, String domain, String map, byte[] key) throws IOException {
        byte[] request = new Xdr.Writer()
                .putOpaque(domain.getBytes(StandardCharsets.UTF_8))
                .putOpaque(map.getBytes(StandardCharsets.UTF_8))
                .putOpaque(key)
                .toByteArray();
        Xdr.Reader reply = rpc.call(server, YP_PROGRAM, YP_VERSION, YPPROC_MATCH, request);
        try {
            int code = reply.getInt();
            byte[] value = reply.getOpaque(YP_MAX_RECORD * 64);
            return new Match(Status.of(code), code, value);
        } catch (Xdr.MalformedReplyException e) {
            throw new IOException("malformed YPPROC_MATCH reply from " + server + ": " + e.getMessage(), e);
        }
    }
}
