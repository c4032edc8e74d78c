package org.mammoembed.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The corpus README's judging rules ("Judging a decoder") for one decoded frame against one manifest entry.
 * Returns null when the result passes, else why it fails.
 */
public final class OracleJudge {
    private OracleJudge() {
    }

    /**
     * @param values  the output values (after the modality LUT), interleaved by sample, of one frame
     * @return null when the values pass, else why they fail
     */
    public static String judge(JsonNode entry, float[] values, int rows, int columns, int samples) {
        JsonNode shape = entry.get("output_shape");
        int expectedSamples = shape.size() == 3 ? shape.get(2).asInt() : 1;
        if (shape.get(0).asInt() != rows || shape.get(1).asInt() != columns || expectedSamples != samples) {
            return "shape " + rows + "x" + columns + "x" + samples + ", expected " + shape;
        }
        String compare = entry.get("compare").asText();
        if (compare.equals("exact")) {
            return exact(entry, values, rows, columns, samples);
        }
        double range = entry.get("output_max").asDouble() - entry.get("output_min").asDouble();
        double[] thumb = thumb16(values, rows, columns, samples);
        double mean = mean(values);
        if (compare.equals("near")) {
            String t = compareThumb(entry, thumb, Math.max(1.5, 0.01 * range));
            if (t != null) {
                return t;
            }
            if (Math.abs(mean - entry.get("output_mean").asDouble()) > Math.max(0.75, 0.005 * range)) {
                return "mean " + mean + " vs " + entry.get("output_mean").asDouble();
            }
            double[] mm = minMax(values);
            double tol = Math.max(3, 0.02 * range);
            if (Math.abs(mm[0] - entry.get("output_min").asDouble()) > tol
                    || Math.abs(mm[1] - entry.get("output_max").asDouble()) > tol) {
                return "min/max " + mm[0] + "/" + mm[1] + " vs " + entry.get("output_min") + "/" + entry.get("output_max");
            }
            return null;
        }
        String t = compareThumb(entry, thumb, 0.02 * range);
        if (t != null) {
            return t;
        }
        if (Math.abs(mean - entry.get("output_mean").asDouble()) > 0.01 * range) {
            return "mean " + mean + " vs " + entry.get("output_mean").asDouble();
        }
        return null;
    }

    private static String exact(JsonNode entry, float[] values, int rows, int columns, int samples) {
        String intSha = text(entry, "output_int_sha256");
        String f32Sha = text(entry, "output_f32_sha256");
        if (intSha != null && intSha.equals(sha256Int(values, v -> Math.round((double) v)))) {
            return null;
        }
        if (f32Sha != null && f32Sha.equals(sha256Float(values))) {
            return null;
        }
        JsonNode slopeNode = entry.get("rescale_slope");
        JsonNode interceptNode = entry.get("rescale_intercept");
        String storedSha = text(entry, "stored_sha256");
        if (slopeNode != null && slopeNode.isNumber() && storedSha != null) {
            double slope = slopeNode.asDouble();
            double intercept = interceptNode != null && interceptNode.isNumber() ? interceptNode.asDouble() : 0;
            if (storedSha.equals(sha256Int(values, v -> Math.round((v - intercept) / slope)))) {
                for (float v : values) {
                    double s = Math.round((v - intercept) / slope);
                    double expected = slope * s + intercept;
                    if (Math.abs(v - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
                        return "value " + v + " is not slope*stored+intercept = " + expected;
                    }
                }
                return null;
            }
        }
        // float pixel data, and values beyond 2^24: statistics within rtol 1e-6
        boolean floatData = entry.path("stored_dtype").asText("").startsWith("float");
        double[] mm = minMax(values);
        if (floatData || Math.max(Math.abs(mm[0]), Math.abs(mm[1])) > (1 << 24)) {
            double[] thumb = thumb16(values, rows, columns, samples);
            if (close(mm[0], entry.get("output_min").asDouble()) && close(mm[1], entry.get("output_max").asDouble())
                    && close(mean(values), entry.get("output_mean").asDouble())
                    && close(std(values), entry.get("output_std").asDouble())
                    && compareThumb(entry, thumb, 0, 1e-6) == null) {
                return null;
            }
        }
        return "hash mismatch (min " + mm[0] + " max " + mm[1] + " mean " + mean(values) + "; expected min "
                + entry.get("output_min") + " max " + entry.get("output_max") + " mean " + entry.get("output_mean") + ")";
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
    }

    private static String compareThumb(JsonNode entry, double[] thumb, double tol) {
        return compareThumb(entry, thumb, tol, 0);
    }

    private static String compareThumb(JsonNode entry, double[] thumb, double tol, double rtol) {
        JsonNode ref = entry.get("thumb16");
        for (int i = 0; i < 256; i++) {
            double r = ref.get(i).asDouble();
            if (Math.abs(thumb[i] - r) > tol + rtol * Math.abs(r)) {
                return "thumb16[" + i + "] = " + thumb[i] + " vs " + r + " (tolerance " + tol + ")";
            }
        }
        return null;
    }

    /** The README's 16x16 block means of the grey plane (colour: mean of the samples first). */
    static double[] thumb16(float[] values, int rows, int columns, int samples) {
        double[] out = new double[256];
        for (int by = 0; by < 16; by++) {
            int y0 = by * rows / 16;
            int y1 = Math.max((by + 1) * rows / 16, y0 + 1);
            for (int bx = 0; bx < 16; bx++) {
                int x0 = bx * columns / 16;
                int x1 = Math.max((bx + 1) * columns / 16, x0 + 1);
                double sum = 0;
                long n = 0;
                for (int y = y0; y < Math.min(y1, rows); y++) {
                    for (int x = x0; x < Math.min(x1, columns); x++) {
                        double g = 0;
                        for (int s = 0; s < samples; s++) {
                            g += values[(y * columns + x) * samples + s];
                        }
                        sum += g / samples;
                        n++;
                    }
                }
                out[by * 16 + bx] = n == 0 ? 0 : sum / n;
            }
        }
        return out;
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    static double[] minMax(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new double[] {lo, hi};
    }

    interface ToLong {
        long apply(float v);
    }

    static String sha256Int(float[] values, ToLong f) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = (int) f.apply(values[i]);
        }
        return sha256(ints);
    }

    /** The manifest's value hash: sha256 (hex) of the values as little-endian int32. */
    public static String sha256(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return sha256(b.array());
    }

    static String sha256Float(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return sha256(b.array());
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode n = entry.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
