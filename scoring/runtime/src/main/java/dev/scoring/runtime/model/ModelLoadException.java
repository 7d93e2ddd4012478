package dev.scoring.runtime.model;

/** Why a model could not be loaded; the message is written to the log and to the readiness check. */
public class ModelLoadException extends Exception {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
