package org.perdition.auth;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jvnet.libpam.impl.PAMLibrary;
import org.jvnet.libpam.impl.PAMLibrary.pam_conv;
import org.jvnet.libpam.impl.PAMLibrary.pam_handle_t;

/**
 * {@code -a} with PAM, as perdition's {@code do_pam_authentication} ({@code perdition/pam.c}):
 * {@code pam_start(service)}, PAM_USER, {@code pam_authenticate}, {@code pam_acct_mgmt},
 * {@code pam_end}. No {@code pam_setcred} and no passwd lookup: the PAM user need not be a Unix
 * account (pam_userdb, LDAP). That is why libpam4j's {@code PAM.authenticate} is not used: it
 * insists on {@code getpwnam} after a successful authentication.
 *
 * <p>PAM_RHOST is the client's numeric address, IPv6 included (perdition assumed IPv4, bug B26).
 * A libpam that cannot be loaded, a missing service file or a module error is an
 * {@link LocalAuthResult.Verdict#ERROR}, never an exception.
 */
public final class PamAuthenticator implements LocalAuthenticator {

    /** perdition's PAM service name; {@code --pam_service} chooses another. */
    public static final String DEFAULT_SERVICE = "perdition";

    private static final int PAM_USER = 2;
    private static final int PAM_RHOST = 4;
    /**
     * Linux-PAM codes that mean "this user may not log in with this password": wrong password,
     * unknown user, locked or expired account. Anything else is a broken set-up.
     */
    private static final Set<Integer> REJECTIONS = Set.of(
            6,   // PAM_PERM_DENIED
            7,   // PAM_AUTH_ERR
            8,   // PAM_CRED_INSUFFICIENT
            10,  // PAM_USER_UNKNOWN
            11,  // PAM_MAXTRIES
            12,  // PAM_NEW_AUTHTOK_REQD
            13); // PAM_ACCT_EXPIRED

    private final String service;

    public PamAuthenticator(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** Loads libpam now: null when it loads, else why not (a start-up warning, not an error). */
    public static String unavailableReason() {
        try {
            return PAMLibrary.libpam != null ? null : "libpam not loaded";
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    @Override
    public LocalAuthResult authenticate(String user, String password, String remoteHost) {
        if (user.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            // C strings end at NUL: PAM would check a shorter name or password than the client gave.
            return LocalAuthResult.rejected("NUL byte in the user name or password");
        }
        PAMLibrary pam;
        Function setItem;
        try {
            pam = PAMLibrary.libpam;
            // pam_set_item with raw bytes: libpam4j's binding takes a String in the JVM's charset.
            setItem = NativeLibrary.getInstance("pam").getFunction("pam_set_item");
        } catch (LinkageError e) {
            return LocalAuthResult.error("PAM library not available: " + e);
        }
        PamConversation conversation = new PamConversation(password.getBytes(StandardCharsets.ISO_8859_1));
        pam_conv conv = new pam_conv(conversation);
        PointerByReference started = new PointerByReference();
        int status = pam.pam_start(service, null, conv, started);
        if (status != PamConversation.PAM_SUCCESS || started.getValue() == null) {
            conversation.clear();
            return LocalAuthResult.error("pam_start for service \"" + service + "\" failed (code " + status + ")");
        }
        pam_handle_t handle = new pam_handle_t(started.getValue());
        try {
            status = setItem.invokeInt(new Object[] {handle, PAM_USER, cString(user)});
            if (status == PamConversation.PAM_SUCCESS && remoteHost != null) {
                status = pam.pam_set_item(handle, PAM_RHOST, remoteHost);
            }
            if (status != PamConversation.PAM_SUCCESS) {
                return LocalAuthResult.error("pam_set_item: " + pam.pam_strerror(handle, status));
            }
            status = pam.pam_authenticate(handle, 0);
            if (status != PamConversation.PAM_SUCCESS) {
                return failure("pam_authenticate", pam, handle, status);
            }
            status = pam.pam_acct_mgmt(handle, 0);
            if (status != PamConversation.PAM_SUCCESS) {
                return failure("pam_acct_mgmt", pam, handle, status);
            }
            return LocalAuthResult.accepted();
        } finally {
            pam.pam_end(handle, status);
            conversation.clear();
            Reference.reachabilityFence(conv);   // PAM holds a pointer to it until pam_end
        }
    }

    private static LocalAuthResult failure(String call, PAMLibrary pam, pam_handle_t handle, int status) {
        String detail = call + ": " + pam.pam_strerror(handle, status);
        return REJECTIONS.contains(status) ? LocalAuthResult.rejected(detail) : LocalAuthResult.error(detail);
    }

    /** A NUL-terminated copy of a byte string, freed by the JVM (PAM copies items it keeps). */
    private static Memory cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }
}
