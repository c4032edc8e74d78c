package org.mammoembed.embed;

/**
 * Where the network runs. Immutable value.
 *
 * <ul>
 *   <li>{@link #cpu()}: ONNX Runtime's CPU execution provider (always available).</li>
 *   <li>{@link #cuda(int)}: the CUDA execution provider on one GPU. It needs the {@code onnxruntime_gpu} jar
 *       (Maven profile {@code -Pcuda}), CUDA 12 and cuDNN 9; when it cannot be used,
 *       {@link EmbeddingExtractorBuilder#build()} fails with ONNX Runtime's reason.</li>
 *   <li>{@link #auto()}: CUDA device 0 when it actually works, otherwise the CPU (the reason is logged once).</li>
 * </ul>
 */
public final class Device {

    /** The kind of device asked for. */
    public enum Kind {
        CPU, CUDA, AUTO
    }

    private static final Device CPU = new Device(Kind.CPU, 0);
    private static final Device AUTO = new Device(Kind.AUTO, 0);

    private final Kind kind;
    private final int deviceId;

    private Device(Kind kind, int deviceId) {
        this.kind = kind;
        this.deviceId = deviceId;
    }

    /** The CPU. */
    public static Device cpu() {
        return CPU;
    }

    /**
     * One CUDA GPU.
     *
     * @param deviceId CUDA device ordinal, {@code >= 0}
     * @throws IllegalArgumentException if {@code deviceId} is negative
     */
    public static Device cuda(int deviceId) {
        if (deviceId < 0) {
            throw new IllegalArgumentException("cuda deviceId must be >= 0, got " + deviceId);
        }
        return new Device(Kind.CUDA, deviceId);
    }

    /** CUDA device 0 if it can really be used, otherwise the CPU. */
    public static Device auto() {
        return AUTO;
    }

    /**
     * Parses {@code cpu}, {@code auto}, {@code cuda} (device 0) or {@code cuda:N}, case-insensitively, as a
     * command line would give it.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Device parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "cpu":
                return CPU;
            case "auto":
                return AUTO;
            case "cuda":
            case "gpu":
                return cuda(0);
            default:
                if (t.startsWith("cuda:")) {
                    try {
                        return cuda(Integer.parseInt(t.substring(5)));
                    } catch (NumberFormatException e) {
                        // falls through to the error below
                    }
                }
                throw new IllegalArgumentException("device must be cpu, auto, cuda or cuda:N, got '" + text + "'");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** CUDA device ordinal (0 for {@code cpu} and {@code auto}). */
    public int deviceId() {
        return deviceId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.kind == kind && d.deviceId == deviceId;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + deviceId;
    }

    /** {@code cpu}, {@code auto} or {@code cuda:N}: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return kind == Kind.CUDA ? "cuda:" + deviceId : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
