package dev.scoring.functions.iris;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects what the function writes to the {@code dev.scoring.request} category while each test runs
 * (register it with {@code @RegisterExtension}).
 */
final class RequestLogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {

    private static final String CATEGORY = "dev.scoring.request";

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        Logger.getLogger(CATEGORY).addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger(CATEGORY).removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = (ExtLogRecord) record;
        ext.copyAll(); // the MDC is the logging thread's: snapshot it before the test thread reads it
        records.add(ext);
    }

    /** The line is written when the response ends, possibly just after the client has it. */
    ExtLogRecord await(String requestId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ExtLogRecord record = find(requestId);
            if (record != null) {
                return record;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line for " + requestId + " in " + records.size() + " records");
    }

    ExtLogRecord find(String requestId) {
        for (ExtLogRecord r : records) {
            if (requestId.equals(r.getMdcCopy().get("requestId"))) {
                return r;
            }
        }
        return null;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
