package dev.baton.importer;

/** The source is not of the format asked for, or cannot be read; the message is one line for the user. */
public final class ImportException extends Exception {

    public ImportException(String message) {
        super(message, null, false, false);
    }
}
