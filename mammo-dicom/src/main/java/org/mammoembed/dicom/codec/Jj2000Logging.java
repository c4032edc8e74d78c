package org.mammoembed.dicom.codec;

import jj2000.j2k.util.FacilityManager;
import jj2000.j2k.util.MsgLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JJ2000's messages, which it prints to System.out/err by default, to SLF4J: library code never prints.
 * Installed once as JJ2000's default logger for all threads.
 */
final class Jj2000Logging implements MsgLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.mammoembed.dicom.codec.jj2000");

    private Jj2000Logging() {
    }

    /** Registers the SLF4J logger as JJ2000's default (idempotent; class initialisation runs it once). */
    static void install() {
        Holder.INSTALLED.hashCode();
    }

    private static final class Holder {
        static final Object INSTALLED = register();

        private static Object register() {
            Jj2000Logging logger = new Jj2000Logging();
            FacilityManager.registerMsgLogger(null, logger);
            return logger;
        }
    }

    @Override
    public void printmsg(int severity, String message) {
        if (severity == MsgLogger.ERROR) {
            LOG.warn("JJ2000: {}", message);
        } else if (severity == MsgLogger.WARNING) {
            LOG.debug("JJ2000 warning: {}", message);
        } else {
            LOG.trace("JJ2000: {}", message);
        }
    }

    @Override
    public void println(String text, int firstLineIndent, int indent) {
        LOG.trace("JJ2000: {}", text);
    }

    @Override
    public void flush() {
        // nothing buffered
    }
}
