package org.mammoembed.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.mammoembed.core.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link CheckpointStore} file's records when it is opened. A bad record at the end is a torn tail from
 * a crash ({@link #end()} stops before it). A record that fails its CRC with intact records after it is
 * corruption (a flipped byte on disk): it is reported as such and skipped, so its image is embedded again and
 * the later records are kept. A corrupt length field cannot be skipped over: the scan stops there and the loss
 * is reported as corruption too.
 *
 * @param embeddings relative path to record offset, for embedding records
 * @param failures   relative path to failure, for failure records
 * @param end        where the good records end: the file is cut there
 * @param corruption one message per damaged place, empty for a healthy file
 */
record CheckpointRecovery(Map<String, Long> embeddings, Map<String, Failure> failures, long end,
                          List<String> corruption) {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRecovery.class);

    static CheckpointRecovery scan(FileChannel channel, Path file, long start, int maxRecordBytes)
            throws IOException {
        Map<String, Long> embeddings = new HashMap<>();
        Map<String, Failure> failures = new HashMap<>();
        List<String> corruption = new ArrayList<>();
        long size = channel.size();
        long pos = start;
        ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 4 <= size) {
            len.clear();
            CheckpointStore.readFully(channel, file, len, pos);
            int n = len.getInt(0);
            if (n < 1 || n > maxRecordBytes || pos + 8 + n > size) {
                if (n >= 1 && n <= maxRecordBytes || size - pos < 8) {
                    break; // a length that fits the format but not the file: the last write was torn
                }
                report(corruption, "checkpoint " + file.getFileName() + " is corrupt at offset " + pos
                        + ": record length " + n + " is impossible; the " + (size - pos) + " bytes from there on"
                        + " are dropped and their images will be embedded again");
                break;
            }
            ByteBuffer rec = ByteBuffer.allocate(n + 4).order(ByteOrder.LITTLE_ENDIAN);
            CheckpointStore.readFully(channel, file, rec, pos + 4);
            CRC32 crc = new CRC32();
            crc.update(rec.array(), 0, n);
            byte type = rec.get(0);
            if ((int) crc.getValue() != rec.getInt(n) || type != CheckpointRecords.EMBEDDING
                    && type != CheckpointRecords.FAILURE) {
                if (pos + 8 + n >= size) {
                    break; // the last record: a torn write
                }
                report(corruption, "checkpoint " + file.getFileName() + " is corrupt at offset " + pos + ": a record"
                        + " of " + n + " bytes fails its CRC-32 check (damaged on disk, not an interrupted write);"
                        + " it is skipped and its image will be embedded again");
                pos += 8 + n;
                continue;
            }
            ByteBuffer body = ByteBuffer.wrap(rec.array(), 1, n - 1).order(ByteOrder.LITTLE_ENDIAN);
            String rel = CheckpointRecords.readString(body.duplicate().order(ByteOrder.LITTLE_ENDIAN));
            if (type == CheckpointRecords.EMBEDDING) {
                embeddings.putIfAbsent(rel, pos);
            } else {
                failures.put(rel, CheckpointRecords.readFailure(body));
            }
            pos += 8 + n;
        }
        return new CheckpointRecovery(embeddings, failures, pos, corruption);
    }

    private static void report(List<String> corruption, String message) {
        LOG.warn(message);
        corruption.add(message);
    }
}
