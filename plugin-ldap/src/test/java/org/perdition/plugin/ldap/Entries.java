package org.perdition.plugin.ldap;

/** The popmap entries the slapd tests seed, in perdition's schema below ou=mailbox,dc=nodomain. */
final class Entries {

    private Entries() {
    }

    static String entry(String uid, String... attributes) {
        StringBuilder ldif = new StringBuilder("dn: uid=" + uid + ",ou=mailbox,dc=nodomain\n"
                + "objectClass: uidObject\nobjectClass: perditionPopmap\nuid: " + uid + "\n");
        for (String attribute : attributes) {
            ldif.append(attribute).append('\n');
        }
        return ldif.append('\n').toString();
    }

    static final String POPMAP = entry("alice", "username: alice", "mailhost: imap1.example.org", "port: 143")
            + entry("bob", "mailhost: imap2.example.org")
            + entry("carol", "username: carol2@imap3.example.org:110")
            + entry("six", "mailhost: ::1", "port: 993")
            + entry("dave1", "username: dave", "mailhost: shared.example.org")
            + entry("dave2", "username: dave", "mailhost: shared.example.org")
            // LDIF needs base64 for non-ASCII: "jürgen"
            + "dn:: dWlkPWrDvHJnZW4sb3U9bWFpbGJveCxkYz1ub2RvbWFpbg==\n"
            + "objectClass: uidObject\nobjectClass: perditionPopmap\nuid:: asO8cmdlbg==\nmailhost: mail.example.de\n\n";
}
