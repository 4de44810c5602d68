package dev.baton.tool.mcp;

import com.sun.net.httpserver.HttpServer;
import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose tools' input schemas use what real servers use (oneOf, allOf, enums of numbers and null, properties
 * of any type, draft 7 definitions, no top-level type, two pages of tools): a call the server's own schema accepts
 * reaches the server, one it refuses gets the complaint; and a schema that refers outside itself makes Baton fetch
 * nothing. LangChain4j's specifications lost most of this, so Baton refused valid calls (an array for an "any value"
 * property, null for an enum that allows it) and let others through.
 */
class McpServerSchemasTest {

    @TempDir
    Path temp;

    private static final String SERVER = """
            const readline = require('readline');
            const rl = readline.createInterface({ input: process.stdin });
            const page1 = [
              { name: 'pick', description: 'oneOf and enums',
                inputSchema: { type: 'object', required: ['target'], properties: {
                  target: { oneOf: [ { type: 'object', required: ['kind'], properties: { kind: { const: 'file' }, path: { type: 'string' } } },
                                     { type: 'object', required: ['kind'], properties: { kind: { const: 'url' }, href: { type: 'string' } } } ] },
                  level: { type: 'integer', enum: [1, 2, 3] },
                  mode: { enum: ['fast', null] },
                  value: { description: 'any JSON value' } } } },
              { name: 'tree', description: 'draft 7 definitions, no top-level type',
                inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', properties: { node: { $ref: '#/definitions/Node' } },
                  definitions: { Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' },
                    children: { type: 'array', items: { $ref: '#/definitions/Node' } } } } } } } ];
            const page2 = [
              { name: 'merged', description: 'allOf',
                inputSchema: { type: 'object', properties: { p: { allOf: [
                  { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
                  { type: 'object', properties: { b: { type: 'number' } } } ] } } } },
              { name: 'outside', description: 'refers to a schema on the network',
                inputSchema: { type: 'object', properties: { x: { $ref: process.env.OUTSIDE } } } } ];
            function send(o) { process.stdout.write(JSON.stringify(o) + '\\n'); }
            rl.on('line', line => {
              let m; try { m = JSON.parse(line); } catch (e) { return; }
              if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
                  capabilities: { tools: {} }, serverInfo: { name: 'schemas', version: '1' } } });
              else if (m.method === 'tools/list') send({ jsonrpc: '2.0', id: m.id, result: (m.params && m.params.cursor === 'p2')
                  ? { tools: page2 } : { tools: page1, nextCursor: 'p2' } });
              else if (m.method === 'tools/call') send({ jsonrpc: '2.0', id: m.id, result: { content: [
                  { type: 'text', text: 'got ' + JSON.stringify(m.params.arguments) } ] } });
              else if (m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, result: {} });
            });
            """;

    @Test
    void callsAreCheckedAgainstTheServersOwnSchemas() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        Path file = temp.resolve("schemas.js");
        Files.writeString(file, SERVER);
        String outside = "http://127.0.0.1:" + web.getAddress().getPort() + "/x.json";
        try (McpConnection c = McpConnection.start(new McpServerSpec("schemas",
                List.of(McpTestServers.node(), file.toString()), Map.of("OUTSIDE", outside), null, null,
                Duration.ofSeconds(20), Duration.ofSeconds(5)))) {
            assertThat(c.tools()).extracting(t -> t.descriptor().name())
                    .containsExactly("pick", "tree", "merged", "outside");
            ToolRegistry registry = new ToolRegistry();
            c.tools().forEach(registry::register);
            try (ToolRunner runner = new ToolRunner(registry, Redactor.shapesOnly())) {
                assertAccepted(runner, "pick", "{\"target\":{\"kind\":\"url\",\"href\":\"x\"},\"level\":2,"
                        + "\"mode\":null,\"value\":[1,{\"a\":true}]}");
                assertRefused(runner, "pick", "{\"target\":{\"kind\":\"ftp\"}}", "target");
                assertRefused(runner, "pick", "{\"target\":{\"kind\":\"file\"},\"level\":7}", "enumeration");
                assertAccepted(runner, "tree", "{\"node\":{\"name\":\"a\",\"children\":[{\"name\":\"b\"}]}}");
                assertRefused(runner, "tree", "{\"node\":{\"name\":\"a\",\"children\":[{\"name\":1}]}}",
                        "children[0].name");
                assertAccepted(runner, "merged", "{\"p\":{\"a\":\"x\",\"b\":2}}");
                assertRefused(runner, "merged", "{\"p\":{\"b\":2}}", "a");
                runner.call("outside", "{\"x\":\"anything\"}");
            }
        } finally {
            web.stop(0);
        }
        assertThat(fetched.get()).as("requests made to the schema's outside reference").isZero();
    }

    private static void assertAccepted(ToolRunner runner, String tool, String args) {
        ToolResult r = runner.call(tool, args);
        assertThat(r.error()).as(tool + " " + args + ": " + r.content()).isFalse();
        assertThat(r.content()).startsWith("got ");
    }

    private static void assertRefused(ToolRunner runner, String tool, String args, String naming) {
        ToolResult r = runner.call(tool, args);
        assertThat(r.error()).as(tool + " " + args + ": " + r.content()).isTrue();
        assertThat(r.content()).startsWith("invalid arguments").contains(naming);
    }
}
