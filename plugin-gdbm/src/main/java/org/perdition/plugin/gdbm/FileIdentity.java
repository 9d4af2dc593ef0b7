package org.perdition.plugin.gdbm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What tells one version of a file from the next: the file key (device and inode on Unix, so a
 * rename-replacement is seen even with the same size and time), the size and the modification time
 * (an in-place rewrite, as Debian's makegdbm does with GDBM_NEWDB).
 */
record FileIdentity(Object fileKey, long size, FileTime modified) {

    static FileIdentity of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileIdentity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
}
