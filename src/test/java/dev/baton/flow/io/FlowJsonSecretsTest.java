package dev.baton.flow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A flow file never holds a credential: by field name or by value shape, anywhere in the document. */
class FlowJsonSecretsTest {

    private static final String OPENAI_KEY = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";
    private static final String ANTHROPIC_KEY = "sk-ant-api03-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe";
    private static final String GOOGLE_KEY = "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";

    private static String flowWith(String extraTopLevel, String description) {
        return "{\n  \"format\": \"baton.flow/1\",\n  \"id\": \"f\",\n" + extraTopLevel
                + "  \"description\": \"" + description + "\"\n}\n";
    }

    private static FlowLoadException failure(String json) {
        FlowLoadException e = catchThrowableOfType(FlowLoadException.class, () -> FlowJson.read(json));
        assertThat(e).as("reading should fail:\n%s", json).isNotNull();
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"apiKey", "api_key", "API_KEY", "x-api-key", "OPENAI_API_KEY", "apikey", "secret",
            "clientSecret", "token", "accessToken", "id_token", "password", "Passwd", "credentials", "Authorization",
            "privateKey", "bearer"})
    void aFieldNamedLikeASecretIsRefusedBeforeTheUnknownFieldCheck(String name) {
        FlowLoadException e = failure(flowWith("  \"defaultModel\": {\"provider\": \"openai\", \"name\": \"m\", \""
                + name + "\": \"hunter2\"},\n", "d"));

        assertThat(e.location()).startsWith("4:").endsWith(" /defaultModel/" + LocatingReader.SECRET_NAME_PLACEHOLDER);
        assertThat(e.reason()).startsWith("field '" + name + "' looks like a secret")
                .contains("environment variables").contains("~/.baton/credentials")
                .doesNotContain("unknown field");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenBudget", "maxTokens", "tokenCount", "author", "keywords", "monkey"})
    void ourOwnTokenBudgetAndHarmlessNamesAreNoSecrets(String name) {
        assertThat(SecretScanner.checkFieldName(name)).isEmpty();
    }

    @Test
    void aSecretNameInsideAJsonSchemaCheckIsRefused() {
        String json = flowWith("  \"nodes\": [{\"id\": \"c\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{"
                + "\"type\": \"jsonSchema\", \"schema\": {\"properties\": {\"password\": "
                + "{\"type\": \"string\"}}}}]}}],\n", "d");

        FlowLoadException e = failure(json);

        assertThat(e.location()).isEqualTo("4:114 /nodes/0/critic/checks/0/schema/properties/" + LocatingReader.SECRET_NAME_PLACEHOLDER);
        assertThat(e.reason()).startsWith("field 'password' looks like a secret");
    }

    @Test
    void aSecretNameAsATrustMapKeyIsRefused() {
        String json = flowWith("  \"nodes\": [{\"id\": \"j\", \"kind\": \"JUDGE\","
                + " \"judge\": {\"trust\": {\"api-key\": 1}}}],\n", "d");

        FlowLoadException e = failure(json);

        assertThat(e.location()).endsWith(" /nodes/0/judge/trust/" + LocatingReader.SECRET_NAME_PLACEHOLDER);
        assertThat(e.reason()).startsWith("field 'api-key' looks like a secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI_KEY, ANTHROPIC_KEY, GOOGLE_KEY, "sk-" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF",
            "ghp_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF1gH4", "AKIA" + "ABCDEFGHIJ234567",
            "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"})
    void aValueShapedLikeAProviderKeyIsRefusedWithoutEchoingIt(String key) {
        FlowLoadException e = failure(flowWith("", "use " + key + " for the calls"));

        assertThat(e.location()).isEqualTo("4:18 /description");
        assertThat(e.reason()).startsWith("this value looks like").contains("~/.baton/credentials");
        assertThat(e.getMessage()).doesNotContain(key).doesNotContain(key.substring(4, 20));
    }

    @Test
    void aKeyDeepInsideAJsonSchemaIsRefused() {
        String json = flowWith("  \"nodes\": [{\"id\": \"c\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{"
                + "\"type\": \"jsonSchema\", \"schema\": {\"examples\": [\"" + OPENAI_KEY + "\"]}}]}}],\n", "d");

        FlowLoadException e = failure(json);

        assertThat(e.location()).endsWith(" /nodes/0/critic/checks/0/schema/examples/0");
        assertThat(e.getMessage()).doesNotContain(OPENAI_KEY);
    }

    @Test
    void anUnquotedKeyInASyntaxErrorIsNotEchoed() {
        FlowLoadException e = failure("{\"format\": \"baton.flow/1\", \"id\": " + OPENAI_KEY + "}");

        assertThat(e.reason()).startsWith("invalid JSON");
        assertThat(e.getMessage()).doesNotContain(OPENAI_KEY.substring(3));
    }

    /** Every shape of the one table, as flow text: refused with its location, never echoed (issue 12). */
    @ParameterizedTest
    @ValueSource(strings = {"https://user:" + "S3cretPassw0rd@gateway.example.com/v1",
            "https://generativelanguage.example.com/v1?key=" + "Zz9yX8wV7uT6sR5q",
            "https://api.example.com/v1?api_key=" + "Zz9yX8wV7uT6sR5q",
            "https://api.example.com/v1?token=" + "Zz9yX8wV7uT6sR5q",
            "Authorization: Bearer " + "tok3nValueXyZ0987654321",
            "mykey" + "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
            "password" + "AKIA" + "ABCDEFGHIJ234567",
            "sk_live_" + "51HxYzAbCdEfGhIjKlMn", "rk_live_" + "51HxYzAbCdEfGhIjKlMn", "sk_test_" + "51HxYzAbCdEfGhIj",
            "xoxb-" + "123456789012-abcdefABCDEF", "gho_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF1gH4",
            "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "ASIA" + "ABCDEFGHIJ234567"})
    void everyKeyShapeInAFlowIsRefusedWithItsLocation(String secret) {
        FlowLoadException e = failure(flowWith("", "call it with " + secret + " please"));

        assertThat(e.location()).isEqualTo("4:18 /description");
        assertThat(e.reason()).startsWith("this value looks like").contains("~/.baton/credentials");
        assertThat(e.getMessage()).doesNotContain(secret.substring(secret.length() - 12));
    }

    @Test
    void aBaseUrlWithAPasswordIsRefusedAtItsPointer() {
        FlowLoadException e = failure(flowWith("  \"defaultModel\": {\"provider\": \"openai-compatible\", \"name\":"
                + " \"m\", \"baseUrl\": \"https://bob:" + "Hunter2Hunter2" + "@llm.example.com/v1\"},\n", "d"));

        assertThat(e.location()).endsWith(" /defaultModel/baseUrl");
        assertThat(e.getMessage()).doesNotContain("Hunter2Hunter2");
    }

    @Test
    void aFieldNamedWithAKeyIsRefusedWithoutTheNameInItsPointer() {
        FlowLoadException e = failure(flowWith("  \"x\": {\"" + OPENAI_KEY + "\": 1},\n", "d"));

        assertThat(e.location()).endsWith(" /x/" + LocatingReader.SECRET_NAME_PLACEHOLDER);
        assertThat(e.getMessage()).doesNotContain(OPENAI_KEY.substring(8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A risk-assessment of the task-switching cost", "ask-the-expert", "sk-learn is a library",
            "use the disk-cache", "Tasks: sk-1", "the AIza prefix", "risk-assessment-2024-final-version",
            "see https://example.com/docs?page=2", "the bearer of bad news", "ASIAN markets", "a token= sign"})
    void benignTextPasses(String text) {
        assertThatCode(() -> FlowJson.read(flowWith("", text))).doesNotThrowAnyException();
    }

    @Test
    void theChainSampleHasNoFalseAlarm() {
        assertThatCode(() -> FlowFiles.load(FlowJsonRoundTripTest.SAMPLES.resolve("chain-blog-article.json")))
                .doesNotThrowAnyException();
    }
}
