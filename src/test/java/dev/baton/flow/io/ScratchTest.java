package dev.baton.flow.io;

import org.junit.jupiter.api.Test;

class ScratchTest {
    static final String HEAD = "{\n  \"format\": \"baton.flow/1\",\n  \"id\": \"f\",\n";
    @Test
    void show() {
        String[] docs = {
            "",
            "[1]",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\",}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\"",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\"} x",
            "{\"id\": \"f\"}",
            "{\"format\": 2}",
            "{\"format\": \"baton.flow/2\"}",
            "{\"format\": \"other\"}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"AGNT\" } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": 3 } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\" } ]\n}",
            HEAD + "  \"nodes\": [ { \"kind\": \"AGENT\" } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": 5, \"kind\": \"AGENT\" } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"AGENT\", \"colour\": \"red\" } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"AGENT\", \"position\": {\"x\": \"1\"} } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"AGENT\", \"tools\": \"x\" } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"AGENT\", \"tools\": [null] } ]\n}",
            HEAD + "  \"nodes\": {}\n}",
            HEAD + "  \"limits\": {\"maxTurnsPerAgent\": 6.5}\n}",
            HEAD + "  \"limits\": {\"maxTurnsPerAgent\": \"6\"}\n}",
            HEAD + "  \"limits\": {\"maxTurnsPerAgent\": 99999999999}\n}",
            HEAD + "  \"limits\": {\"maxTurnsPerAgent\": 999999999999999999999999}\n}",
            HEAD + "  \"limits\": {\"tokenBudget\": 1e400}\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"regx\"}]} } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"pattern\": \"x\"}]} } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"length\", \"pattern\": \"x\"}]} } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": 7}]} } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"CRITIC\", \"critic\": {\"checks\": [{\"type\": \"jsonSchema\", \"schema\": 1}]} } ]\n}",
            HEAD + "  \"nodes\": [ { \"id\": \"a\", \"kind\": \"JUDGE\", \"judge\": {\"trust\": {\"x\": \"high\"}} } ]\n}",
            HEAD + "  \"edges\": [ { \"id\": \"e\", \"kind\": \"NEXT\", \"from\": \"a\" } ]\n}",
            HEAD + "  \"edges\": [ { \"id\": \"e\", \"kind\": \"NEXT\", \"from\": \"a\", \"to\": \"b\", \"context\": {\"mode\": \"full\"} } ]\n}",
            HEAD + "  \"id\": \"g\"\n}",
            HEAD + "  \"defaultModel\": {\"provider\": \"openai\", \"name\": \"x\", \"apiKey\": \"abc\"}\n}",
            HEAD + "  \"description\": \"use sk-proj-AbCdEf1234567890abcdefGHIJ please\"\n}",
            HEAD + "  \"description\": \"risk-assessment of sk-learn\"\n}",
            HEAD + "  \"description\": \"x\" \"y\"\n}",
            HEAD + "  \"description\": sk-proj-AbCdEf1234567890abcdefGHIJ\n}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"x\": " + "[".repeat(70) + "]".repeat(70) + "}",
            "{\"format\": \"baton.flow/1\", \"id\": \"" + "a".repeat(1 << 21) + "\"}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"nodes\": [ {\"id\": \"a\", \"kind\": \"AGENT\", \"model\": {\"name\": \"x\"}}]}",
            "{\"format\": \"baton.flow/1\", \"id\": null}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"edges\": [null]}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"limits\": {\"agentTimeoutSeconds\": true}}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"nodes\": [{\"id\": \"a\", \"kind\": \"AGENT\", \"position\": {\"x\": 1e400}}]}",
            "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"edges\": [{\"id\": \"a\", \"kind\": \"NEXT\", \"from\": \"a\", \"to\": \"b\", \"context\": {\"fields\": [1]}}]}",
        };
        for (String d : docs) {
            try {
                FlowJson.read(d);
                System.out.println("OK    " + abbreviate(d));
            } catch (FlowLoadException e) {
                System.out.println("ERR   " + abbreviate(d) + "\n   -> " + e.getMessage());
            }
        }
    }
    static String abbreviate(String s) { s = s.replace("\n", " "); return s.length() > 150 ? s.substring(0, 150) : s; }
}
