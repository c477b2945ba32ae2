package ore.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender;

/**
 * OpenTelemetry's MDC appender (adds {@code trace_id}, {@code span_id} and {@code trace_flags} of the
 * current span to each event, on the logging thread, then hands it to its appenders), which also
 * stops the appenders it holds when it is stopped: the library's leaves them running, so the async
 * appender behind it would not be drained when logback shuts down and the last lines of a stopping
 * service would be lost.
 */
public class TraceFieldsAppender extends OpenTelemetryAppender {

    @Override
    public void stop() {
        iteratorForAppenders().forEachRemaining(Appender<ILoggingEvent>::stop);
        super.stop();
    }
}
