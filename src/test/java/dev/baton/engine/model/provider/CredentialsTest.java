package dev.baton.engine.model.provider;

import dev.baton.flow.ModelRef;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where API keys come from, when the credentials file is refused, and what the user is told when one is missing. */
class CredentialsTest {

    private static final ModelRef GPT = new ModelRef(ModelRef.OPENAI, "gpt-4o-mini", null, null);
    private static final ModelRef CLAUDE = new ModelRef(ModelRef.ANTHROPIC, "claude-sonnet-4-5", null, null);
    private static final ModelRef GEMINI = new ModelRef(ModelRef.GEMINI, "gemini-2.5-flash", null, null);

    @TempDir
    Path home;

    private Credentials withEnvironment(Map<String, String> environment) {
        return new Credentials(environment::get, home);
    }

    private void writeCredentialsFile(String content, String mode) throws IOException {
        Path file = home.resolve(Credentials.FILE_NAME);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    }

    @Test
    void keysComeFromTheEnvironment() {
        Credentials credentials = withEnvironment(Map.of("OPENAI_API_KEY", "sk-env-openai-0000000000000000",
                "ANTHROPIC_API_KEY", " sk-ant-env-anthropic-000000 "));

        assertThat(credentials.apiKey(ModelRef.OPENAI)).isEqualTo("sk-env-openai-0000000000000000");
        assertThat(credentials.apiKey(ModelRef.ANTHROPIC)).isEqualTo("sk-ant-env-anthropic-000000");
        assertThat(credentials.missingCredentials(GPT)).isNull();
        assertThat(credentials.missingCredentials(CLAUDE)).isNull();
    }

    @Test
    void geminiAcceptsGoogleApiKeyButPrefersGeminiApiKey() {
        assertThat(withEnvironment(Map.of("GOOGLE_API_KEY", "AIza-google-0000000000")).apiKey(ModelRef.GEMINI))
                .isEqualTo("AIza-google-0000000000");
        assertThat(withEnvironment(Map.of("GOOGLE_API_KEY", "google-key-0000", "GEMINI_API_KEY", "gemini-key-0000"))
                .apiKey(ModelRef.GEMINI)).isEqualTo("gemini-key-0000");
    }

    @Test
    void keysComeFromTheCredentialsFileWhenTheEnvironmentHasNone() throws IOException {
        assumePosix();
        writeCredentialsFile("""
                # Baton credentials
                OPENAI_API_KEY=sk-file-openai-0000000000000000

                export ANTHROPIC_API_KEY="sk-ant-file-0000000000"
                GEMINI_API_KEY = file-gemini-key-0000
                """, "rw-------");
        Credentials credentials = withEnvironment(Map.of("GEMINI_API_KEY", "env-gemini-key-0000"));

        assertThat(credentials.apiKey(ModelRef.OPENAI)).isEqualTo("sk-file-openai-0000000000000000");
        assertThat(credentials.apiKey(ModelRef.ANTHROPIC)).isEqualTo("sk-ant-file-0000000000");
        assertThat(credentials.apiKey(ModelRef.GEMINI)).as("the environment wins").isEqualTo("env-gemini-key-0000");
        assertThat(credentials.missingCredentials(GPT)).isNull();
    }

    @Test
    void aCredentialsFileReadableByOthersIsRefusedWithAClearMessage() throws IOException {
        assumePosix();
        writeCredentialsFile("OPENAI_API_KEY=sk-file-openai-0000000000000000\n", "rw-r--r--");
        Credentials credentials = withEnvironment(Map.of());

        assertThat(credentials.apiKey(ModelRef.OPENAI)).isNull();
        assertThat(credentials.missingCredentials(GPT))
                .contains("needs an API key")
                .contains("refuses to read")
                .contains("mode 644")
                .contains("chmod 600");
    }

    @Test
    void aRefusedFileDoesNotMatterWhenTheEnvironmentHasTheKey() throws IOException {
        assumePosix();
        writeCredentialsFile("OPENAI_API_KEY=sk-file-openai-0000000000000000\n", "rw-rw-rw-");

        assertThat(withEnvironment(Map.of("OPENAI_API_KEY", "sk-env-0000000000000000")).missingCredentials(GPT))
                .isNull();
    }

    @Test
    void aMissingKeyMessageNamesTheVariableAndTheFile() {
        Credentials credentials = withEnvironment(Map.of());

        assertThat(credentials.missingCredentials(GPT)).isEqualTo("model 'openai/gpt-4o-mini' needs an API key: set "
                + "OPENAI_API_KEY or add OPENAI_API_KEY=... to " + credentials.displayPath() + " (mode 600)");
        assertThat(credentials.missingCredentials(CLAUDE)).contains("set ANTHROPIC_API_KEY");
        assertThat(credentials.missingCredentials(GEMINI)).contains("set GEMINI_API_KEY (or GOOGLE_API_KEY)");
    }

    @Test
    void theDefaultFileIsShownUnderTheHomeDirectory() {
        Path userHome = Path.of(System.getProperty("user.home"));
        Credentials credentials = new Credentials(Map.<String, String>of()::get, userHome.resolve(".baton"));

        assertThat(credentials.displayPath()).isEqualTo("~/.baton/credentials");
        assertThat(credentials.missingCredentials(GPT)).endsWith("to ~/.baton/credentials (mode 600)");
    }

    @Test
    void localProvidersNeedNoKeyButOpenAiCompatibleNeedsABaseUrl() {
        Credentials credentials = withEnvironment(Map.of());

        assertThat(credentials.missingCredentials(new ModelRef(ModelRef.OLLAMA, "llama3.2", null, null))).isNull();
        assertThat(credentials.missingCredentials(ModelRef.SIMULATED_DEFAULT)).isNull();
        assertThat(credentials.missingCredentials(
                new ModelRef(ModelRef.OPENAI_COMPATIBLE, "qwen", "http://localhost:1234/v1", null))).isNull();
        assertThat(credentials.missingCredentials(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "qwen", null, null)))
                .contains("'openai-compatible/qwen' needs a baseUrl");
        assertThat(credentials.missingCredentials(new ModelRef("mistral", "large", null, null)))
                .contains("unknown provider 'mistral'");
    }

    @Test
    void batonHomeComesFromTheSystemProperty() {
        // Surefire sets baton.home to target/baton-home; without it the home is ~/.baton.
        String configured = System.getProperty("baton.home");
        Path expected = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".baton");
        assertThat(Credentials.batonHome()).isEqualTo(expected);
    }

    @Test
    void theFactoryRefusesSimulatedAndIncompleteModels() {
        ChatModelFactory factory = new ChatModelFactory(withEnvironment(Map.of()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> factory.model(ModelRef.SIMULATED_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulated");
        assertThatThrownBy(() -> factory.model(GPT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> factory.model(new ModelRef("mistral", "large", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown provider");
        assertThat(factory.missingCredentials(GPT)).contains("OPENAI_API_KEY");
    }

    @Test
    void keysHandedOutAreRedactedEverywhere() {
        String oddlyShapedKey = "local-Gateway-Token-7788";
        Redactor redactor = Redactor.shapesOnly();
        Credentials credentials = new Credentials(Map.of("OPENAI_COMPATIBLE_API_KEY", oddlyShapedKey)::get,
                home, redactor);

        assertThat(credentials.apiKey(ModelRef.OPENAI_COMPATIBLE)).isEqualTo(oddlyShapedKey);
        assertThat(redactor.redact("gateway said: token " + oddlyShapedKey + " expired"))
                .isEqualTo("gateway said: token [REDACTED] expired");
    }

    @Test
    void keyValuesListEveryProviderKeyOfTheEnvironmentAndTheFile() throws Exception {
        Files.createDirectories(home);
        Path file = home.resolve(Credentials.FILE_NAME);
        Files.writeString(file, "ANTHROPIC_API_KEY=fileValue0011223344\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Credentials credentials = new Credentials(Map.of("OPENAI_API_KEY", "envValue5566778899", "HOME", "/home/x")::get,
                home);

        assertThat(credentials.keyValues()).containsExactlyInAnyOrder("envValue5566778899", "fileValue0011223344");
    }
}
