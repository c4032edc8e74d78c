package org.mammoembed.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the fragments of one frame of encapsulated pixel data (PS3.5 A.4) and joins them: by the Extended
 * Offset Table when present, else the Basic Offset Table, else one fragment per frame when the counts match,
 * else by the fragments that open a codestream (JPEG SOI, JPEG 2000 SOC, RLE header).
 */
final class EncapsulatedFrames {
    private EncapsulatedFrames() {
    }

    /**
     * @param mapped where the data set's buffer is the file's mapping, the open file: the fragments are read from it
     *               (buffer offsets are file offsets, see {@link FileRangeReader} for why); null reads them from
     *               the buffer
     */
    static byte[] frame(ParsedFile file, int frame, int frames, FileChannel mapped) throws DicomException {
        List<ParsedFile.Fragment> fragments = file.fragments();
        if (fragments.isEmpty()) {
            throw DicomException.decode(file.fileName() + ": encapsulated pixel data have no fragments");
        }
        List<ParsedFile.Fragment> chosen = select(file, frame, frames);
        long total = 0;
        for (ParsedFile.Fragment f : chosen) {
            total += f.length();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw DicomException.decode(file.fileName() + ": frame " + frame + " has " + total + " compressed bytes");
        }
        byte[] out = new byte[(int) total];
        ByteBuffer buf = file.dataSet().buffer();
        int at = 0;
        for (ParsedFile.Fragment f : chosen) {
            if (mapped != null) {
                FileRangeReader.readBytes(mapped, f.valueOffset(), out, at, f.length(), file.fileName());
            } else {
                buf.get(f.valueOffset(), out, at, f.length());
            }
            at += f.length();
        }
        return out;
    }

    private static List<ParsedFile.Fragment> select(ParsedFile file, int frame, int frames) throws DicomException {
        List<ParsedFile.Fragment> fragments = file.fragments();
        long[] offsets = offsetTable(file, frames);
        if (offsets != null) {
            // offsets count from the first byte of the first fragment's item tag
            long base = fragments.get(0).itemOffset();
            long from = offsets[frame];
            long to = frame + 1 < offsets.length ? offsets[frame + 1] : Long.MAX_VALUE;
            List<ParsedFile.Fragment> out = new ArrayList<>();
            for (ParsedFile.Fragment f : fragments) {
                long rel = f.itemOffset() - base;
                if (rel >= from && rel < to) {
                    out.add(f);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
            throw DicomException.decode(file.fileName() + ": the offset table points frame " + frame
                    + " at byte " + from + ", where no fragment starts");
        }
        if (frames == 1) {
            return fragments;
        }
        if (fragments.size() == frames) {
            return List.of(fragments.get(frame));
        }
        List<Integer> starts = new ArrayList<>();
        ByteBuffer buf = file.dataSet().buffer();
        for (int i = 0; i < fragments.size(); i++) {
            if (opensCodestream(buf, fragments.get(i))) {
                starts.add(i);
            }
        }
        if (starts.size() == frames && starts.get(0) == 0) {
            int end = frame + 1 < frames ? starts.get(frame + 1) : fragments.size();
            return fragments.subList(starts.get(frame), end);
        }
        throw DicomException.decode(file.fileName() + ": cannot tell which of " + fragments.size()
                + " fragments belong to frame " + frame + " of " + frames + " (no offset table, and "
                + starts.size() + " fragments open a codestream)");
    }

    /** Frame offsets from the Extended or Basic Offset Table, or null when neither is usable. */
    private static long[] offsetTable(ParsedFile file, int frames) {
        DicomDataSet ds = file.dataSet();
        if (ds.contains(Tag.EXTENDED_OFFSET_TABLE)) {
            double[] eot = ds.numbers(Tag.EXTENDED_OFFSET_TABLE);
            long[] offsets = new long[eot.length];
            for (int i = 0; i < eot.length; i++) {
                offsets[i] = (long) eot[i];
            }
            if (valid(offsets, frames)) {
                return offsets;
            }
        }
        ParsedFile.Fragment bot = file.basicOffsetTable();
        if (bot == null || bot.length() < 4 || bot.length() % 4 != 0) {
            return null;
        }
        ByteBuffer b = ds.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[bot.length() / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = b.getInt(bot.valueOffset() + 4 * i) & 0xFFFFFFFFL;
        }
        return valid(offsets, frames) ? offsets : null;
    }

    /** A table is trusted only when it has one increasing offset per frame, starting at 0. */
    private static boolean valid(long[] offsets, int frames) {
        if (offsets.length != frames || offsets[0] != 0) {
            return false;
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] <= offsets[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean opensCodestream(ByteBuffer buf, ParsedFile.Fragment f) {
        if (f.length() < 4) {
            return false;
        }
        int b0 = buf.get(f.valueOffset()) & 0xFF;
        int b1 = buf.get(f.valueOffset() + 1) & 0xFF;
        int b2 = buf.get(f.valueOffset() + 2) & 0xFF;
        int b3 = buf.get(f.valueOffset() + 3) & 0xFF;
        boolean jpeg = b0 == 0xFF && b1 == 0xD8;
        boolean j2k = b0 == 0xFF && b1 == 0x4F && b2 == 0xFF && b3 == 0x51;
        boolean jp2 = b0 == 0 && b1 == 0 && b2 == 0 && b3 == 0x0C;
        boolean rle = false;
        if (f.length() >= 64) {
            ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int segments = le.getInt(f.valueOffset());
            rle = segments >= 1 && segments <= 15 && le.getInt(f.valueOffset() + 4) == 64;
        }
        return jpeg || j2k || jp2 || rle;
    }
}
