package dev.scoring.trainer;

/** A trained model scored below its spec's gate on the held-out split; nothing is written. */
public class QualityGateException extends Exception {

    public QualityGateException(String message) {
        super(message);
    }
}
