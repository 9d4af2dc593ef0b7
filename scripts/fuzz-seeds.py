#!/usr/bin/env python3
"""Writes the committed seed corpora of the issue-9 fuzz targets (docs/RELIABILITY.md, "Fuzzing").

Each seed is a file under src/test/resources/<package>/<TestClass>Inputs/<method>/, the directory
Jazzer's @FuzzTest replays in regression mode. Run from the repository root; it rewrites only the
seed-* files, so crash inputs added by hand (crash-*) stay. Layouts are in each target's javadoc.
"""
import os
import struct

HOST = "perdition-host/src/test/resources/org/perdition"
PLUGIN = "plugin-posix-regex/src/test/resources/org/perdition/plugin/posixregex"


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("latin-1")
    with open(os.path.join(directory, "seed-" + name), "wb") as out:
        out.write(data)


def decoder_header(line=8192, literal=8192, tls=False, cuts=()):
    """DecoderFuzzing's header: caps, the TLS flag, the cut points."""
    head = struct.pack(">HHBB", line - 16, literal, 1 if tls else 0, len(cuts))
    return head + b"".join(struct.pack(">H", c) for c in cuts)


def decoder_seeds(directory, transcripts):
    for name, client in transcripts.items():
        data = client.encode("latin-1")
        write(directory, name, decoder_header() + data)
        write(directory, name + "-bytewise", decoder_header(cuts=[1] * 16) + data)
        write(directory, name + "-tls-small-caps", decoder_header(line=32, literal=16, tls=True, cuts=[3, 7, 5]) + data)


def decoders():
    pop3 = {
        "user-pass": "USER alice\r\nPASS secret\r\n",
        "capa-stls-quit": "CAPA\r\nSTLS\r\nNOOP\r\nQUIT\r\n",
        "auth-plain-inline": "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n",
        "auth-plain-continuation": "AUTH PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\n",
        "auth-cancel-bad-base64": "AUTH PLAIN\r\n*\r\nAUTH PLAIN\r\n!!!\r\nAUTH\r\n",
        "pipelined-mixed": "CAPA\r\nUSER bob\r\nPASS x\r\nUSER a b\r\nPASS\r\nstat\r\nquit\r\n",
        "bare-lf-lone-cr-nul": "USER al\x00ice\nPASS pw\rUSER \r\n\x00\r\n",
        "overlong-line": "USER " + "a" * 9000 + "\r\n",
        "crlf-injection-user": "USER a\r\n-ERR forged\r\nPASS b\r\n",
    }
    imap = {
        "login": "a001 CAPABILITY\r\na002 LOGIN alice secret\r\n",
        "login-quoted-literal": 'a1 LOGIN "al\\"ice" {6}\r\nsecret\r\n',
        "login-literal-plus": "a1 LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n",
        "huge-literal": "a1 LOGIN {4294967296}\r\nxx\r\n",
        "huge-literal-plus": "a1 LOGIN {99999999999+}\r\n",
        "authenticate-plain": "A1 AUTHENTICATE PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\nA2 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n",
        "authenticate-cancel": "A1 AUTHENTICATE PLAIN\r\n*\r\nA2 AUTHENTICATE KERBEROS_V4\r\n",
        "id-noop-starttls-logout": 'x ID ("name" "fuzz" "version" NIL)\r\ny NOOP\r\nz STARTTLS\r\nw LOGOUT\r\n',
        "garbage-after-tag": "a1 LOGIN alice secret extra\r\n* LOGIN x y\r\n\r\n)(\r\na2\r\n",
        "tag-with-crlf-bytes": "a\rb LOGIN x y\r\nc\nd NOOP\r\n",
        "nul-and-8bit": "a1 LOGIN \x00\xff\xfe \"\xe9t\xe9\"\r\n",
        "overlong-line": "a1 LOGIN " + "b" * 9000 + " pw\r\n",
        "pipelined-thousand": "p NOOP\r\n" * 300,
    }
    sieve = {
        "authenticate-plain": 'AUTHENTICATE "PLAIN" "AGFsaWNlAHNlY3JldA=="\r\n',
        "authenticate-continuation": 'AUTHENTICATE "PLAIN"\r\n"AGFsaWNlAHNlY3JldA=="\r\n',
        "authenticate-literal": 'AUTHENTICATE "PLAIN" {20+}\r\nAGFsaWNlAHNlY3JldA==\r\n',
        "capability-noop-starttls-logout": 'CAPABILITY\r\nNOOP "tag"\r\nSTARTTLS\r\nLOGOUT\r\n',
        "huge-literal": 'AUTHENTICATE "PLAIN" {4294967296+}\r\nAAAA\r\n',
        "cancel-and-bad": 'AUTHENTICATE "PLAIN"\r\n"*"\r\nAUTHENTICATE "DIGEST-MD5"\r\nHAVESPACE "x" 10\r\n',
        "unterminated-quote-nul": 'AUTHENTICATE "PL\x00AIN\r\n"\\\r\n\r\n',
        "overlong-line": 'NOOP "' + "c" * 9000 + '"\r\n',
    }
    write_all(HOST + "/protocol/pop3/Pop3DecoderFuzzTestInputs/decodes", pop3)
    write_all(HOST + "/protocol/imap/ImapDecoderFuzzTestInputs/decodes", imap)
    write_all(HOST + "/protocol/managesieve/ManageSieveDecoderFuzzTestInputs/decodes", sieve)


def write_all(directory, transcripts):
    decoder_seeds(directory, transcripts)


def sasl():
    d = HOST + "/protocol/SaslPlainFuzzTestInputs/decodesAndRoundTrips"
    write(d, "valid", "\x00alice\x00secret\nAGFsaWNlAHNlY3JldA==")
    write(d, "authzid", "admin\x00alice\x00secret\nYWRtaW4AYWxpY2UAc2VjcmV0")
    write(d, "empty-authcid", "\x00\x00pw\nAAB4")
    write(d, "no-password", "a\nAGFsaWNl")
    write(d, "trailing-garbage", "x\x00y\x00z\nAGEAYgBj")
    write(d, "bad-base64", "\n!!!")
    write(d, "whitespace-padding", "\n  AGFsaWNlAHNlY3JldA==  \r\n")
    write(d, "empty", "\n")
    write(d, "8bit", "\xe9\x00\xfc\xff\x00\x80\n6QD8/wCA")


def config():
    d = HOST + "/cli/ConfigFileFuzzTestInputs/readsOrRefuses"
    debian = """# perdition.conf as shipped by Debian (abridged)
#bind_address 0.0.0.0
connection_limit 0
#connection_logging
log_facility mail
map_library /usr/lib/perdition/libperditiondb_gdbm.so.0
map_library_opt /etc/perdition/popmap
outgoing_port 110
server_ok_line
strip_domain servername_domain
timeout 1800
username_from_database
"""
    write(d, "debian", debian)
    write(d, "quotes-escapes", "ok_line \"+OK  hello\\\" \"  \nquery_key 'user@%s'\\\n.x\n# comment \\\n  goes on\nF +\n")
    write(d, "crlf-and-no-final-newline", "timeout 10\r\nlog_facility -\r\nno_lookup")
    write(d, "unterminated-quote", "ok_line \"never closed\n")
    write(d, "unknown-key", "frobnicate yes\n")
    write(d, "flag-with-value", "no_lookup yes\n")
    write(d, "bad-numbers", "timeout -1\nconnection_limit 99999999999999999999\nauthenticate_timeout x\n")
    write(d, "short-keys", "L 10\nt 30\nM /etc/perdition/popmap.re\nP pop3\n")
    write(d, "nul-and-8bit", "ok_line \x00\xff\xe9\nfoo\x00bar\n")
    write(d, "empty", "")


def server_address():
    d = HOST + "/lookup/ServerAddressParserFuzzTestInputs/splits"
    for name, delim, value in [
        ("user-host-port", "@", "alice@mail.example.com:110"),
        ("host-only", "@", "mail.example.com"),
        ("nested-user", "@", "a@b@host:143"),
        ("ipv6-bracket-port", "@", "bob@[2001:db8::1]:993"),
        ("ipv6-bracket-only", "@", "[::1]"),
        ("ipv6-bare", "@", "::1"),
        ("bracket-garbage", "@", "[::1]x:1"),
        ("bracket-two-colons", "@", "[::1]:1:2"),
        ("trailing-colon", "@", "u@h:"),
        ("service-name", "@", "u@h:pop3"),
        ("multi-char-delim", "%%", "us%%er%%%host:1"),
        ("overlapping-delim", "aa", "aaaaa:1"),
        ("empty-delim", "", "user@host:1"),
        ("empty", "@", ""),
    ]:
        write(d, name, delim + "\n" + value)


def popmap_re():
    d = PLUGIN + "/PopmapReFuzzTestInputs/readsAndMatches"
    debian = """# popmap.re as shipped by Debian
^(.*)@my.domain.com: $1@mail.my.domain.com
^(.*)@another.domain.com: $1@mail.another.domain.com:110
^[a-k]: localhost
^[^a-k]: 127.0.0.1:110
"""
    write(d, "debian", "bob@my.domain.com\n" + debian)
    write(d, "classes-intervals", "Zed42\n^[[:upper:]][[:lower:]]{1,3}[[:digit:]]+$ h:1\n^a{2,}b h2\n{ x\n")
    write(d, "catastrophic-backtracking", "a" * 60 + "b\n^(.*a){20}$ evil:110\n")
    write(d, "nested-repetition", "a" * 40 + "!\n^(a+)+$ evil:110\n(x+x+)+y evil\n")
    write(d, "catastrophic-alternation", "ab" * 20 + "c\n^(a|ab|b)*$ evil:110\n")
    write(d, "odd-tokens", "x\n^a b c\n")
    write(d, "bad-regex", "x\n^(a h\n[ y\n")
    write(d, "quoted-escaped", "a b\n\"a b\" 'c d'\na\\ b e\\ f\n")
    write(d, "gnu-escapes", "word\n\\<w \\`x \\'y\\> z\n")
    write(d, "empty-match-at-end", "key\n$ nothing\n")


if __name__ == "__main__":
    decoders()
    sasl()
    config()
    server_address()
    popmap_re()
