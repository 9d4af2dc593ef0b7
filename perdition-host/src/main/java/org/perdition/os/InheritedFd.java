package org.perdition.os;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/**
 * What kind of socket an inherited descriptor is (getsockopt SO_DOMAIN, SO_TYPE, SO_ACCEPTCONN):
 * the JDK can only tell for fd 0, systemd passes its sockets from fd 3 on.
 *
 * @param error errno text when the fd is not a socket at all (or not open); null otherwise
 */
public record InheritedFd(int fd, int domain, int type, boolean listening, String error) {

    public static InheritedFd inspect(int fd) {
        int[] domain = new int[1];
        int[] type = new int[1];
        int[] accepting = new int[1];
        if (option(fd, Libc.SO_DOMAIN, domain) != 0 || option(fd, Libc.SO_TYPE, type) != 0
                || option(fd, Libc.SO_ACCEPTCONN, accepting) != 0) {
            int errno = Native.getLastError();
            return new InheritedFd(fd, -1, -1, false, Libc.C.strerror(errno));
        }
        return new InheritedFd(fd, domain[0], type[0], accepting[0] != 0, null);
    }

    private static int option(int fd, int name, int[] value) {
        return Libc.C.getsockopt(fd, Libc.SOL_SOCKET, name, value, new IntByReference(4));
    }

    /** An IPv4 or IPv6 stream socket: what EpollServerSocketChannel / EpollSocketChannel wrap. */
    public boolean tcp() {
        return error == null && type == Libc.SOCK_STREAM && (domain == Libc.AF_INET || domain == Libc.AF_INET6);
    }

    @Override
    public String toString() {
        if (error != null) {
            return "fd " + fd + ": " + error;
        }
        return "fd " + fd + ": domain " + domain + ", type " + type + (listening ? ", listening" : ", connected");
    }
}
