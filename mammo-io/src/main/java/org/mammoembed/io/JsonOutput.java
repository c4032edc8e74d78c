package org.mammoembed.io;

import org.mammoembed.io.internal.AtomicOutput;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes JSON reports ({@code run.json}, {@code clustering_metrics.json}, {@code baselines.json}) from maps,
 * lists, records and plain values: pretty-printed (2-space indent), UTF-8, keys of maps in their iteration
 * order (use a {@link java.util.LinkedHashMap} or {@link java.util.TreeMap} for a stable file), record
 * components in declaration order, NaN and infinities written as the strings "NaN"/"Infinity" rather than
 * invalid JSON. Files are written atomically.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private JsonOutput() {
    }

    /** Writes {@code value} as pretty-printed JSON to {@code target}, atomically, ending with a newline. */
    public static void write(Path target, Object value) throws IOException {
        AtomicOutput.write(target, out -> {
            MAPPER.writeValue(out, value);
            out.write('\n');
        });
    }

    /** The JSON text {@link #write} would produce (without the final newline). */
    public static String toJson(Object value) throws IOException {
        return MAPPER.writeValueAsString(value);
    }

    /** Reads a JSON object back as a map (for tests and for resuming from a previous run's report). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Map.class);
    }
}
