package org.perdition.os;

import org.perdition.StartupException;

/**
 * The identity {@code -u USER} and {@code -g GROUP} name, resolved to numbers before anything is
 * bound, so an unknown name stops start-up with nothing served.
 *
 * <p>Each option takes a name, or failing that a number (spec §1.1: "NAME or UID", "NAME or GID").
 * {@code userName} is null for a numeric user id that has no passwd entry: there is then no group
 * list to load, and the supplementary groups become just {@code gid}.
 *
 * @param userName the passwd name, for initgroups(3); null when the uid has no entry
 */
public record RunAs(String user, String userName, int uid, String group, int gid) {

    /** Looks both names up in the system's user and group databases (NSS: files, LDAP, ...). */
    public static RunAs resolve(String program, String user, String group) throws StartupException {
        Libc.Passwd passwd = Libc.C.getpwnam(user);
        String userName;
        int uid;
        if (passwd != null) {
            userName = passwd.pw_name;
            uid = passwd.pw_uid;
        } else if (isId(user)) {
            uid = Integer.parseUnsignedInt(user);
            Libc.Passwd byId = Libc.C.getpwuid(uid);
            userName = byId != null ? byId.pw_name : null;
        } else {
            throw new StartupException(program + ": --username: unknown user '" + user + "'");
        }
        Libc.Group entry = Libc.C.getgrnam(group);
        int gid;
        if (entry != null) {
            gid = entry.gr_gid;
        } else if (isId(group)) {
            gid = Integer.parseUnsignedInt(group);
        } else {
            throw new StartupException(program + ": --group: unknown group '" + group + "'");
        }
        return new RunAs(user, userName, uid, group, gid);
    }

    /** uid_t and gid_t are 32-bit unsigned; (uid_t) -1 means "no change" to set*id, so it is refused. */
    static boolean isId(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        long value = Long.parseLong(text);
        return value < 0xFFFF_FFFFL;
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** {@code nobody/nogroup (uid 65534, gid 65534)}, for log lines. */
    public String describe() {
        return user + "/" + group + " (uid " + Integer.toUnsignedString(uid) + ", gid "
                + Integer.toUnsignedString(gid) + ")";
    }
}
