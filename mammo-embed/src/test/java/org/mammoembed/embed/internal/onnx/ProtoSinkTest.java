package org.mammoembed.embed.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Wire-format encodings against the protobuf encoding guide's examples, and the three sinks agreeing. */
class ProtoSinkTest {

    static byte[] encode(ProtoMessage message) {
        ByteArrayProtoSink sink = new ByteArrayProtoSink((int) ProtoSizeCounter.sizeOf(message));
        try {
            message.writeTo(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    static byte[] encodeToStream(ProtoMessage message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(new StreamProtoSink(out));
        return out.toByteArray();
    }

    private static String hex(ProtoMessage message) {
        return HexFormat.of().formatHex(encode(message));
    }

    @Test
    void varintsAsInTheEncodingGuide() {
        assertEquals("01", hex(s -> s.writeVarint(1)));
        assertEquals("9601", hex(s -> s.writeVarint(150)));
        assertEquals("ac02", hex(s -> s.writeVarint(300)));
        assertEquals("ffffffffffffffffff01", hex(s -> s.writeVarint(-1)), "negative int64: ten bytes");
        assertEquals("ffffffffffffffff7f", hex(s -> s.writeVarint(Long.MAX_VALUE)));
    }

    @Property(tries = 200)
    void varintSizeIsTheEncodedLength(@ForAll long value) {
        assertEquals(ProtoSink.varintSize(value), encode(s -> s.writeVarint(value)).length);
    }

    @Test
    void fieldsCarryTagsOfFieldNumberAndWireType() {
        assertEquals("089601", hex(s -> s.int64Field(1, 150)), "field 1 varint");
        assertEquals("120774657374696e67", hex(s -> s.stringField(2, "testing")), "field 2 length-delimited");
        assertEquals("150000803f", hex(s -> s.floatField(2, 1.0f)), "field 2 fixed32, little-endian");
        assertEquals("a0011e", hex(s -> s.int64Field(20, 30)), "field 20 needs a two-byte tag");
        assertEquals("080108020803", hex(s -> s.repeatedInt64Field(1, new long[] {1, 2, 3})), "unpacked");
        assertEquals("", hex(s -> s.repeatedInt64Field(1, new long[0])));
        assertEquals("1a03089601", hex(s -> s.messageField(3, m -> m.int64Field(1, 150))), "embedded message");
        assertEquals("4a080000803f000000c0", hex(s -> s.rawFloatsField(9, new float[] {1f, -2f})));
    }

    @Test
    void arrayAndStreamSinksWriteTheSameBytesAcrossFloatChunkBoundaries() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 40_000}) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) random.nextGaussian();
            }
            ProtoMessage message = s -> {
                s.stringField(8, "w");
                s.rawFloatsField(9, values);
                s.floatField(2, values.length > 0 ? values[n - 1] : 0f);
            };
            byte[] array = encode(message);
            assertArrayEquals(array, encodeToStream(message), "n = " + n);
            assertEquals(ProtoSizeCounter.sizeOf(message), array.length);
            // the last raw float, read back by hand: little-endian IEEE 754
            if (n > 0) {
                int at = 3 + 1 + ProtoSink.varintSize(4L * n) + 4 * (n - 1);
                int bits = (array[at] & 0xFF) | (array[at + 1] & 0xFF) << 8 | (array[at + 2] & 0xFF) << 16
                        | (array[at + 3] & 0xFF) << 24;
                assertEquals(values[n - 1], Float.intBitsToFloat(bits));
            }
        }
    }

    @Test
    void anArraySinkRefusesToHandOverAPartlyFilledArray() {
        ByteArrayProtoSink sink = new ByteArrayProtoSink(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, sink::toByteArray);
        assertEquals("wrote 0 of 4 announced bytes", e.getMessage());
    }
}
