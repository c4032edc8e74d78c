package org.mammoembed.io;

import org.mammoembed.core.MammoException;
import org.mammoembed.core.Stage;

/** A {@code .npy} file that is not a float32 array this library can read: bad magic, header or data size. */
public final class NpyFormatException extends MammoException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the file (its name, not its path, and the offending value) */
    public NpyFormatException(String message) {
        super(Stage.READ, message);
    }
}
