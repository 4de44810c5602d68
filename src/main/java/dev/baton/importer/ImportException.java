package dev.baton.importer;

/** The source is not of the format asked for, or cannot be read; the message is one line for the user. */
public final class ImportException extends Exception {

    public ImportException(String message) {
        // a parse error may quote the source, and a source may hold a pasted key
        super(KeyScrub.text(message), null, false, false);
    }
}
