package org.perdition.lookup;

import java.util.Optional;
import org.perdition.lookup.ServerAddressParser.ServerSpec;

/**
 * {@code -c} (spec §4.1 step 2, §4.2): a client logging in as {@code user<delim>host[:port]} picks
 * its own back-end. The text after the LAST delimiter of the servername_lookup name is parsed as
 * {@code [user<delim>]host[:port]} (so it never has a user part) and the map is not consulted.
 *
 * <p>perdition then truncated the id at that delimiter in place: when servername_lookup mangling
 * had returned the original buffer the login name lost its {@code @host:port}, but when mangling
 * had made a copy ({@code --lower_case servername_lookup}, {@code -A}) the full
 * {@code user@host:port} went on to the back-end (observed). That depended on buffer identity, not
 * on intent; here the name for the later states is ALWAYS the client's id cut at its last
 * delimiter ({@link #loginName}), whatever servername_lookup did.
 */
public final class ClientServerSpecification {

    private ClientServerSpecification() {
    }

    /** The back-end the client named, or empty when the name has no delimiter (normal lookup). */
    public static Optional<ServerSpec> parse(String lookupName, String delimiter) {
        int last = lookupName.lastIndexOf(delimiter);
        if (last < 0) {
            return Optional.empty();
        }
        String target = lookupName.substring(last + delimiter.length());
        return Optional.of(ServerAddressParser.parse(target, delimiter));
    }

    /** The client's id without its {@code <delim>host[:port]}: where the other states start. */
    public static String loginName(String id, String delimiter) {
        int last = id.lastIndexOf(delimiter);
        return last < 0 ? id : id.substring(0, last);
    }
}
