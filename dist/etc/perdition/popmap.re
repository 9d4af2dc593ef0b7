# popmap.re -- sample popmap for "map_library posix_regex" (see perdition.conf next to it).
#
# One rule per line:   <regular expression>[:]  <substitution>
#   - POSIX extended regular expression, case-sensitive, no implicit ^ or $; whitespace inside it
#     must be quoted or escaped. A single ":" after it is optional.
#   - The key is the user name as the client sent it. The first matching rule wins.
#   - Substitution: [<user><domain_delimiter>]<server>[:<port>], with $1..$9 for the groups.
#     Without a port, outgoing_port (-p) or the protocol's default port is used.
#   - As in perdition 2.2, text of the key BEFORE the match is kept in front of the substitution
#     and text AFTER it is dropped: anchor rules with ^ and $ to avoid surprises.
#
# Examples:
#   ^[a-k]: imap1.example.org                 users a.. to k.. go to imap1 (default port)
#   ^[^a-k]: imap2.example.org:10143          everyone else to imap2, port 10143
#   ^(.*)@example[.]com$: $1@127.0.0.1        log in to the back-end as the local part
#                                             (needs username_from_database / -U)

# Sample: every user to the local back-end; the port comes from outgoing_port in perdition.conf.
^(.*)$: 127.0.0.1
