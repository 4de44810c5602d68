package dev.baton.tool.mcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The approvals of flows' programs: per file and exact command lines, owner-only, never assumed from a bad file. */
class ServerTrustTest {

    @TempDir
    Path home;
    @TempDir
    Path flows;

    private List<ServerTrust.Command> commands(String... line) {
        return List.of(new ServerTrust.Command("fs", List.of(line), flows));
    }

    @Test
    void anApprovalHoldsForThatFileAndThoseCommandsOnly() throws Exception {
        Path flow = flows.resolve("a.json");
        List<ServerTrust.Command> npx = commands("npx", "-y", "@modelcontextprotocol/server-filesystem", ".");
        assertThat(new ServerTrust(home).approved(flow, npx)).isFalse();

        assertThat(new ServerTrust(home).approve(flow, npx)).isEmpty();

        // a new instance (the next launch) reads it back
        ServerTrust later = new ServerTrust(home);
        assertThat(later.approved(flow, npx)).isTrue();
        assertThat(later.approved(flow, commands("npx", "-y", "@modelcontextprotocol/server-filesystem", "/")))
                .isFalse();
        assertThat(later.approved(flows.resolve("b.json"), npx)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(later.file())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(later.file())).doesNotContain("npx").doesNotContain("a.json");
        try (var left = Files.list(home)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly(ServerTrust.FILE_NAME);
        }
    }

    @Test
    void aDamagedStoreIsNoApprovalAndIsRewrittenOnTheNextOne() throws Exception {
        Path flow = flows.resolve("a.json");
        List<ServerTrust.Command> cmd = commands("node", "server.js");
        ServerTrust trust = new ServerTrust(home);
        Files.writeString(trust.file(), "{ not json");

        assertThat(trust.approved(flow, cmd)).isFalse();
        assertThat(trust.approve(flow, cmd)).isEmpty();
        assertThat(new ServerTrust(home).approved(flow, cmd)).isTrue();
    }

    @Test
    void aFlowWithNoFileIsApprovedForTheSessionOnly() {
        List<ServerTrust.Command> cmd = List.of(new ServerTrust.Command("x", List.of("node", "x.js"), null));
        ServerTrust trust = new ServerTrust(home);

        trust.approve(null, cmd);

        assertThat(trust.approved(null, cmd)).isTrue();
        assertThat(new ServerTrust(home).approved(null, cmd)).isFalse();
        assertThat(trust.file()).doesNotExist();
    }

    @Test
    void aCommandLineIsShownAsAShellReadsIt() {
        assertThat(ServerTrust.shown(List.of("node", "/opt/my server/x.js", "it's", "", "--port=3"))).isEqualTo(
                "node '/opt/my server/x.js' 'it'\\''s' '' --port=3");
    }
}
