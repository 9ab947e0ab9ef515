package io.polyclinic.dev;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM (all services of the dev stack, their libraries, the embedded infrastructure) while
 * capturing, each rendered as one text: the message, the key-value pairs, the logging context (MDC) and the
 * exception with its stack, so that a test can search everything a log line could carry.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> {

    private final List<String> lines = new ArrayList<>();

    private LogCapture() {}

    /** Starts capturing on the root logger. */
    static LogCapture capture() {
        var capture = new LogCapture();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        var text = new StringBuilder(event.getLoggerName())
                .append(' ')
                .append(event.getFormattedMessage())
                .append(' ')
                .append(event.getKeyValuePairs())
                .append(' ')
                .append(event.getMDCPropertyMap());
        if (event.getThrowableProxy() != null) {
            text.append(' ').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        synchronized (lines) {
            lines.add(text.toString());
        }
    }

    /** What was captured so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
        super.stop();
    }
}
