package dev.scoring.deployment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Reads what the test application wrote to the request log ({@code dev.scoring.request}): register {@link #keep}
 * with QuarkusUnitTest's {@code setLogRecordPredicate}, which sees every record. The predicate is the test class's
 * and the test methods run inside the application, two class loaders: the records live in a JDK-typed list kept
 * in the system properties, shared by both.
 */
final class RequestLogCapture {

    private static final String CATEGORY = "dev.scoring.request";
    private static final String KEY = "test.request-log";

    private RequestLogCapture() {
    }

    /**
     * Keeps the request log's records. It runs on the logging thread, where the MDC is the request's: the record's
     * copy of it is taken there, before a test thread reads it.
     */
    static boolean keep(LogRecord record) {
        if (CATEGORY.equals(record.getLoggerName())) {
            ((ExtLogRecord) record).copyAll();
            records().add(record);
        }
        return false; // kept here, not by QuarkusUnitTest
    }

    /** The line is written when the response ends, possibly just after the client has it. */
    static ExtLogRecord await(String requestId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ExtLogRecord record = find(requestId);
            if (record != null) {
                return record;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line for " + requestId + " in " + records().size() + " records");
    }

    static ExtLogRecord find(String requestId) {
        for (LogRecord r : records()) {
            if (r instanceof ExtLogRecord ext && requestId.equals(ext.getMdcCopy().get("requestId"))) {
                return ext;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<LogRecord> records() {
        return (List<LogRecord>) System.getProperties().computeIfAbsent(KEY, key -> new CopyOnWriteArrayList<LogRecord>());
    }
}
