package org.mammoembed.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mammoembed.core.internal.MessageText;

/** Opening a file and reading its first bytes, with READ failures that name the file (never its folders). */
final class FileBytes {
    private FileBytes() {
    }

    /** The file opened for reading, or the READ failure that names it. */
    static FileChannel open(Path file) throws DicomException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    static DicomException cannotRead(Path file, IOException e) {
        return new DicomException(org.mammoembed.core.Stage.READ, name(file) + ": cannot read file: "
                + e.getMessage(), e);
    }

    /** The file's name for messages, bounded. */
    static String name(Path file) {
        return MessageText.bounded(String.valueOf(file.getFileName()), 120);
    }

    /** The first {@code length} bytes of the file (fewer at its end), little-endian. */
    static ByteBuffer prefix(FileChannel ch, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read until full or end of file
        }
        buf.flip();
        return buf.order(ByteOrder.LITTLE_ENDIAN);
    }
}
