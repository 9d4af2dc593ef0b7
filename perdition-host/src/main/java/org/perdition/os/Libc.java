package org.perdition.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * The few libc calls the JDK has no API for (glibc, Linux x86_64/aarch64): account look-ups and the
 * identity changes of spec §7.1, and {@code getsockopt} on sockets systemd hands us. Every call
 * that can fail returns -1 and leaves errno in {@link Native#getLastError()}.
 *
 * <p>glibc's set*id and setgroups wrappers change the credentials of <em>every</em> thread of the
 * process (its "setxid" broadcast), which is what makes a privilege drop from a running JVM, with
 * its many threads, sound. {@link PrivilegeDrop} checks it per thread anyway.
 */
interface Libc extends Library {

    Libc C = Native.load("c", Libc.class);

    int SOL_SOCKET = 1;
    int SO_TYPE = 3;
    int SO_ACCEPTCONN = 30;
    int SO_DOMAIN = 39;
    int SOCK_STREAM = 1;
    int AF_INET = 2;
    int AF_INET6 = 10;
    int EPERM = 1;

    /** {@code struct passwd}; only the fields we read matter, but the layout must be whole. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;
    }

    /** {@code struct group}. */
    @Structure.FieldOrder({"gr_name", "gr_passwd", "gr_gid", "gr_mem"})
    class Group extends Structure {
        public String gr_name;
        public String gr_passwd;
        public int gr_gid;
        public Pointer gr_mem;
    }

    /** NULL (null here) when there is no such user, or on error (then errno is set). */
    Passwd getpwnam(String name);

    Passwd getpwuid(int uid);

    Group getgrnam(String name);

    Group getgrgid(int gid);

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    int getgroups(int size, int[] list);

    int setgroups(NativeLong size, int[] list);

    int initgroups(String user, int group);

    int setgid(int gid);

    int setuid(int uid);

    int getsockopt(int fd, int level, int name, int[] value, IntByReference length);

    String strerror(int errnum);
}
