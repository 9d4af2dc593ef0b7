package org.perdition.auth;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Arrays;
import org.jvnet.libpam.impl.PAMLibrary.pam_conv.PamCallback;
import org.jvnet.libpam.impl.PAMLibrary.pam_response;

/**
 * PAM's conversation function for one authentication: every prompt gets the client's password,
 * as perdition's {@code perdition_conv} does ({@code perdition/pam.c}); informational and error
 * messages get no answer.
 *
 * <p>Not libpam4j's own conversation, for two reasons: it writes the password through the JVM's
 * default charset (a byte string must reach PAM byte for byte), and its PAM_CONV_ERR value (6)
 * is Linux-PAM's PAM_PERM_DENIED. The answers are malloc()ed because PAM free()s them.
 */
final class PamConversation implements PamCallback {

    // Linux-PAM's values (security/_pam_types.h).
    static final int PAM_SUCCESS = 0;
    static final int PAM_BUF_ERR = 5;
    static final int PAM_CONV_ERR = 19;
    private static final int PAM_PROMPT_ECHO_OFF = 1;
    private static final int PAM_PROMPT_ECHO_ON = 2;
    /** Linux-PAM's PAM_MAX_NUM_MSG: more messages in one call is a broken module. */
    private static final int MAX_MESSAGES = 32;

    private final byte[] password;

    /** @param password the password's bytes; this object owns the array and clears it in {@link #clear()} */
    PamConversation(byte[] password) {
        this.password = password;
    }

    @Override
    public int callback(int count, Pointer messages, Pointer responsesOut, Pointer appData) {
        if (count <= 0 || count > MAX_MESSAGES || messages == null || responsesOut == null) {
            return PAM_CONV_ERR;
        }
        long size = (long) pam_response.SIZE * count;
        long block = Native.malloc(size);
        if (block == 0) {
            return PAM_BUF_ERR;
        }
        Pointer responses = new Pointer(block);
        responses.clear(size);
        for (int i = 0; i < count; i++) {
            // Linux-PAM passes an array of pointers to struct pam_message { int msg_style; const char *msg; }.
            Pointer message = messages.getPointer((long) Native.POINTER_SIZE * i);
            int style = message.getInt(0);
            if (style == PAM_PROMPT_ECHO_OFF || style == PAM_PROMPT_ECHO_ON) {
                long answer = cString(password);
                if (answer == 0) {
                    freeAnswers(responses, i);
                    Native.free(block);
                    return PAM_BUF_ERR;
                }
                responses.setPointer((long) pam_response.SIZE * i, new Pointer(answer));
            }
        }
        responsesOut.setPointer(0, responses);
        return PAM_SUCCESS;
    }

    /** Overwrites this conversation's copy of the password once PAM is done. */
    void clear() {
        Arrays.fill(password, (byte) 0);
    }

    /** A malloc()ed NUL-terminated copy of {@code bytes}, or 0 when out of memory. */
    static long cString(byte[] bytes) {
        long copy = Native.malloc(bytes.length + 1L);
        if (copy != 0) {
            Pointer p = new Pointer(copy);
            p.write(0, bytes, 0, bytes.length);
            p.setByte(bytes.length, (byte) 0);
        }
        return copy;
    }

    private static void freeAnswers(Pointer responses, int count) {
        for (int i = 0; i < count; i++) {
            Pointer answer = responses.getPointer((long) pam_response.SIZE * i);
            if (answer != null) {
                Native.free(Pointer.nativeValue(answer));
            }
        }
    }
}
