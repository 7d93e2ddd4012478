package dev.scoring.cli;

/** A command that cannot do what it was asked, with the exit code that says why. */
class CliException extends RuntimeException {

    /** The cluster or the function is not in a state the command can work from. */
    static final int FAILED = 1;
    /** The function does not exist in the namespace. */
    static final int NOT_FOUND = 3;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
