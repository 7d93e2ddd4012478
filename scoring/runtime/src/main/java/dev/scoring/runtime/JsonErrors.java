package dev.scoring.runtime;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Short, position-bearing descriptions of JSON parse errors, without Jackson's source excerpts. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation where = jpe.getLocation();
            String message = jpe.getOriginalMessage();
            int newline = message.indexOf('\n');
            if (newline > 0) {
                message = message.substring(0, newline);
            }
            return where == null ? message
                    : message + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        }
        return e.getMessage();
    }
}
