package org.perdition.plugin.nis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's NIS map (perditiondb_nis, spec §5.9): {@code yp_match(domain, map, key)} over ONC RPC,
 * written in Java (no libnsl, no portmapper needed when the server is given).
 *
 * <p>YP_NOKEY is "not found". perdition reported every error as not found (bug B27), so a dead
 * ypserv silently sent every user to {@code -s}; here a missing map or domain, a timeout or any other
 * failure is an ACCESS error with the reason, as the other maps' -1. The host still falls through
 * to {@code -s}, but the log says why.
 *
 * <p>Stateless, as perdition's module: init contacts no server (a ypserv that is down at start
 * costs nothing), each lookup locates the server and asks it.
 */
@Extension
public class NisLookup implements PopmapLookup {

    static final Path DOMAINNAME_FILE = Path.of("/proc/sys/kernel/domainname");
    private static final System.Logger LOG = System.getLogger(NisLookup.class.getName());

    private final Path bindingDir;
    private final Path domainnameFile;
    private volatile String option = "";
    private volatile Config config;

    private record Config(NisOptions options, String domain, YpServerLocator locator, YpClient client) {
    }

    public NisLookup() {
        this(YpServerLocator.DEFAULT_BINDING_DIR, DOMAINNAME_FILE);
    }

    /** For tests: another binding directory and domainname source. */
    NisLookup(Path bindingDir, Path domainnameFile) {
        this.bindingDir = bindingDir;
        this.domainnameFile = domainnameFile;
    }

    /** {@code -m}: see {@link NisOptions}; empty means map {@value NisOptions#DEFAULT_MAP} in the default domain. */
    @Override
    public void init(PluginContext context) throws LookupException {
        option = context.options().orElse("");
        config = configure(option);
    }

    /** SIGHUP: re-parse the option and re-read the default domain (perdition re-inits the module, spec §5). */
    @Override
    public void reload() throws LookupException {
        config = configure(option);
    }

    private Config configure(String option) throws LookupException {
        NisOptions options = NisOptions.parse(option);
        String domain = options.domain().orElseGet(this::defaultDomain);
        if (domain == null) {
            LOG.log(System.Logger.Level.WARNING, "nis: no NIS domain: domainname is not set and -m names none;"
                    + " lookups will fail until one is set and perdition is reloaded");
        }
        OncRpcUdpClient rpc = new OncRpcUdpClient(options.timeoutMillis(), options.attempts());
        return new Config(options, domain, new YpServerLocator(bindingDir, rpc), new YpClient(rpc));
    }

    /** yp_get_default_domain: the kernel's NIS domain, "(none)" or empty meaning unset. */
    private String defaultDomain() {
        try {
            String name = Files.readString(domainnameFile, StandardCharsets.UTF_8).strip();
            return name.isEmpty() || name.equals("(none)") ? null : name;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        Config current = config;
        if (current == null) {
            throw new LookupException(LookupException.Kind.CONFIGURATION, "nis: lookup before init");
        }
        if (current.domain() == null) {
            throw access("no NIS domain (domainname is not set; name one in -m as map@domain)", null);
        }
        byte[] key = request.key().getBytes(StandardCharsets.UTF_8);
        if (key.length == 0 || key.length > YpClient.YP_MAX_RECORD) {
            return LookupResult.notFound(); // no map can hold it; ypserv would answer YP_BADARGS
        }
        String map = current.options().map();
        InetSocketAddress server;
        YpClient.Match match;
        try {
            server = current.locator().locate(current.options(), current.domain());
            match = current.client().match(server, current.domain(), map, key);
        } catch (IOException e) {
            throw access("cannot ask the NIS server for domain " + current.domain() + ": " + e.getMessage(), e);
        }
        return switch (match.status()) {
            case TRUE -> LookupResult.found(value(match.value()));
            case NOKEY -> LookupResult.notFound();
            case NOMAP -> throw access("no map " + map + " in domain " + current.domain() + " on " + server, null);
            case NODOM -> throw access("domain " + current.domain() + " is not served by " + server, null);
            default -> throw access("YPPROC_MATCH on " + server + " failed: YP_" + match.status() + " ("
                    + match.code() + ")", null);
        };
    }

    /** Values are host names; one trailing NUL, which some map builders store, is not part of them. */
    private static String value(byte[] bytes) {
        int length = bytes.length > 0 && bytes[bytes.length - 1] == 0 ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static LookupException access(String message, Throwable cause) {
        return new LookupException(LookupException.Kind.ACCESS, "nis: " + message, cause);
    }
}
