/**
 * Secrets: the one table of key shapes ({@link dev.baton.secret.KeyShapes}), the {@link dev.baton.secret.Redactor}
 * instance every output goes through, and {@link dev.baton.secret.SafeText} for messages. A leaf: imports nothing of
 * Baton.
 */
package dev.baton.secret;
