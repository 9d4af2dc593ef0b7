package org.perdition.plugin.gdbm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.plugin.testkit.PopmapLookupContract;

/** The lookup contract over a GDBM file written by our makegdbm; "server down" is a missing file. */
class GdbmLookupContractTest extends PopmapLookupContract {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("popmap.gdbm.db");
    }

    @Override
    protected PopmapLookup lookupWith(Map<String, String> entries) throws Exception {
        write(entries);
        GdbmLookup lookup = new GdbmLookup();
        lookup.init(new PluginContext(Optional.of(db().toString()), "@", "POP3"));
        return lookup;
    }

    @Override
    protected void changeEntries(Map<String, String> entries) throws Exception {
        write(entries);
    }

    @Override
    protected void stopBackend() throws Exception {
        Files.move(db(), dir.resolve("away.db"));
    }

    @Override
    protected void startBackend() throws Exception {
        Files.move(dir.resolve("away.db"), db());
    }

    private void write(Map<String, String> entries) throws Exception {
        List<byte[][]> pairs = entries.entrySet().stream()
                .map(e -> new byte[][] {e.getKey().getBytes(StandardCharsets.UTF_8),
                        e.getValue().getBytes(StandardCharsets.UTF_8)})
                .toList();
        Path temp = dir.resolve("new.db");
        Files.write(temp, GdbmWriter.write(pairs));
        Files.move(temp, db(), StandardCopyOption.REPLACE_EXISTING);   // as makegdbm users do
    }
}
