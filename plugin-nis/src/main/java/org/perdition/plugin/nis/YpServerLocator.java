package org.perdition.plugin.nis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the ypserv to ask, as a YP client does.
 *
 * <ol>
 *   <li>A server named in the option with a port: used as is (the tests, and sites without rpcbind).</li>
 *   <li>A server without a port: its portmapper (RFC 1833 PMAPPROC_GETPORT, port 111) gives ypserv's UDP port.</li>
 *   <li>No server: the binding ypbind writes, {@code /var/yp/binding/<domain>.2}.</li>
 *   <li>No binding file: ypbind itself, found through the portmapper on 127.0.0.1:111, asked
 *       YPBINDPROC_DOMAIN.</li>
 * </ol>
 * Resolved on every lookup, like libnsl, so that a rebinding is followed without a reload.
 */
final class YpServerLocator {

    static final Path DEFAULT_BINDING_DIR = Path.of("/var/yp/binding");
    private static final int PMAP_PROGRAM = 100000;
    private static final int PMAP_VERSION = 2;
    private static final int PMAPPROC_GETPORT = 3;
    private static final int PMAP_PORT = 111;
    private static final int IPPROTO_UDP = 17;
    private static final int YPBIND_PROGRAM = 100007;
    private static final int YPBIND_VERSION = 2;
    private static final int YPBINDPROC_DOMAIN = 1;
    private static final int YPBIND_SUCC_VAL = 1;

    private final Path bindingDir;
    private final OncRpcUdpClient rpc;

    YpServerLocator(Path bindingDir, OncRpcUdpClient rpc) {
        this.bindingDir = bindingDir;
        this.rpc = rpc;
    }

    InetSocketAddress locate(NisOptions options, String domain) throws IOException {
        if (options.server().isPresent()) {
            NisOptions.ServerAddress server = options.server().get();
            InetAddress host = InetAddress.getByName(server.host());
            if (server.port().isPresent()) {
                return new InetSocketAddress(host, server.port().get());
            }
            return new InetSocketAddress(host, portmapperLookup(host, YpClient.YP_PROGRAM, YpClient.YP_VERSION));
        }
        InetSocketAddress bound = bindingFile(domain);
        return bound != null ? bound : askYpbind(domain);
    }

    /**
     * ypbind-mt's binding file, as libnsl's {@code __yp_bind_file} reads it: a native-order u16
     * (ypbind's own port), then a {@code struct ypbind_resp}: a native-order int status, and for
     * YPBIND_SUCC_VAL the server's address (4 bytes) and port (2 bytes), both in network order.
     */
    InetSocketAddress bindingFile(String domain) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(bindingDir.resolve(domain + "." + YP_BINDING_VERSION));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length < 12) {
            throw new IOException("NIS binding file for " + domain + " is truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        in.getShort();
        if (in.getInt() != YPBIND_SUCC_VAL) {
            return null;
        }
        byte[] address = new byte[4];
        in.get(address);
        int port = in.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
        return new InetSocketAddress(InetAddress.getByAddress(address), port);
    }

    private static final int YP_BINDING_VERSION = 2;

    private InetSocketAddress askYpbind(String domain) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int ypbindPort = portmapperLookup(loopback, YPBIND_PROGRAM, YPBIND_VERSION);
        Xdr.Reader reply = rpc.call(new InetSocketAddress(loopback, ypbindPort), YPBIND_PROGRAM, YPBIND_VERSION,
                YPBINDPROC_DOMAIN, new Xdr.Writer().putOpaque(domain.getBytes(StandardCharsets.UTF_8)).toByteArray());
        try {
            int status = reply.getInt();
            if (status != YPBIND_SUCC_VAL) {
                throw new IOException("ypbind has no server for domain " + domain + " (ypbind error "
                        + reply.getInt() + ")");
            }
            // struct ypbind_binding: fixed-length opaque[4] address and opaque[2] port, network order
            byte[] address = reply.getFixedOpaque(4);
            byte[] port = reply.getFixedOpaque(2);
            return new InetSocketAddress(InetAddress.getByAddress(address), (port[0] & 0xff) << 8 | port[1] & 0xff);
        } catch (Xdr.MalformedReplyException e) {
            throw new IOException("malformed ypbind reply: " + e.getMessage(), e);
        }
    }

    private int portmapperLookup(InetAddress host, int program, int version) throws IOException {
        Xdr.Reader reply = rpc.call(new InetSocketAddress(host, PMAP_PORT), PMAP_PROGRAM, PMAP_VERSION,
                PMAPPROC_GETPORT, new Xdr.Writer().putInt(program).putInt(version).putInt(IPPROTO_UDP).putInt(0)
                        .toByteArray());
        try {
            int port = reply.getInt();
            if (port <= 0 || port > 65535) {
                throw new IOException("program " + program + " is not registered with the portmapper on "
                        + host.getHostAddress());
            }
            return port;
        } catch (Xdr.MalformedReplyException e) {
            throw new IOException("malformed portmapper reply: " + e.getMessage(), e);
        }
    }
}
