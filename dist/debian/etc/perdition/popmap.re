# /etc/perdition/popmap.re -- rules for "map_library posix_regex" (perditiondb(5)).
#
# One rule per line:   <regular expression>[:]  <substitution>
#   - POSIX extended regular expression, case-sensitive, no implicit ^ or $; whitespace inside it
#     must be quoted or escaped. A single ":" after it is optional. The first matching rule wins.
#   - Substitution: [<user><domain_delimiter>]<server>[:<port>], $1..$9 stand for the groups.
#     Without a port, outgoing_port (-p) or the protocol's standard port is used.
#   - As perdition 2.2 does, the text of the user name BEFORE the match is kept in front of the
#     substitution and the text AFTER it is dropped: anchor rules with ^ and $.
#
# Examples (uncomment to use):
#^[a-k]: imap1.example.org                 users a.. to k.. go to imap1
#^[^a-k]: imap2.example.org:10143          everyone else to imap2, port 10143
#^(.*)@example[.]com$: $1@127.0.0.1        the local part, on this host (needs -U)
