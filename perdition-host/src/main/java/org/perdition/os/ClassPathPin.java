package org.perdition.os;

import java.io.IOException;
import java.util.Enumeration;
import org.perdition.log.Log;

/**
 * Opens every jar of the class path while we are still root. The JDK opens a class-path jar the
 * first time it searches it and keeps it open; a jar first needed after the drop would be opened
 * as the run user, and one it cannot read (a class path under /root, as in the tests) is silently
 * skipped: a NoClassDefFoundError in the middle of a session. Listing a resource that every jar
 * may hold makes the class loader visit, and so open, each of them now.
 */
final class ClassPathPin {

    private ClassPathPin() {
    }

    static void openAll() {
        try {
            Enumeration<?> all = ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF");
            while (all.hasMoreElements()) {
                all.nextElement();
            }
        } catch (IOException e) {
            Log.debug("Could not open every class path entry before dropping privileges: " + e.getMessage());
        }
    }
}
