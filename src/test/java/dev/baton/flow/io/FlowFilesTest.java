package dev.baton.flow.io;

import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Loading gives one-line reasons for unreadable files; saving replaces the file atomically and leaves no litter. */
class FlowFilesTest {

    @TempDir
    Path dir;

    private FlowLoadException loadFailure(Path file) {
        FlowLoadException e = catchThrowableOfType(FlowLoadException.class, () -> FlowFiles.load(file));
        assertThat(e).as("loading %s should fail", file).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    private Stream<Path> leftovers() throws IOException {
        return Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void savesAndLoadsAFlow() throws Exception {
        Path file = dir.resolve("flow.json");
        Flow flow = TestFlows.everyField();

        FlowFiles.save(file, flow);

        assertThat(Files.readString(file)).isEqualTo(FlowJson.write(flow));
        assertThat(FlowFiles.load(file).flow()).isEqualTo(flow);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void savingReplacesTheOldContentAndKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("flow.json");
        Files.writeString(file, "old");
        boolean posix = Files.getFileStore(file).supportsFileAttributeView("posix");
        if (posix) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        }

        FlowFiles.save(file, TestFlows.minimal());

        assertThat(Files.readString(file)).isEqualTo(FlowJson.write(TestFlows.minimal()));
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw----");
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedSaveKeepsTheOldContentAndLeavesNoTempFile() throws Exception {
        // the target is a non-empty directory: the temp file is written, but it cannot be moved over the target
        Path target = dir.resolve("flow.json");
        Files.createDirectory(target);
        Path old = Files.writeString(target.resolve("keep.txt"), "old content");

        assertThatThrownBy(() -> FlowFiles.save(target, TestFlows.minimal())).isInstanceOf(IOException.class);

        assertThat(Files.readString(old)).isEqualTo("old content");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFlowThatCannotBeWrittenLeavesTheOldFileAlone() throws Exception {
        Path file = dir.resolve("flow.json");
        Files.writeString(file, "old content");
        Flow broken = TestFlows.minimal().updateNode("in", n -> n.withCritic(new dev.baton.flow.CriticSpec(null,
                java.util.List.of(new dev.baton.flow.Check.JsonSchema("not json")))));

        assertThatThrownBy(() -> FlowFiles.save(file, broken)).isInstanceOf(IllegalArgumentException.class);

        assertThat(Files.readString(file)).isEqualTo("old content");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void savingIntoAMissingDirectoryFailsCleanly() {
        Path file = dir.resolve("no-such-dir").resolve("flow.json");

        assertThatThrownBy(() -> FlowFiles.save(file, TestFlows.minimal())).isInstanceOf(IOException.class);
    }

    @Test
    void savingThroughASymbolicLinkUpdatesTheLinkedFile() throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links unsupported here").isTrue();
            return;
        }

        FlowFiles.save(link, TestFlows.minimal());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo(FlowJson.write(TestFlows.minimal()));
    }

    @Test
    void aMissingFileSaysSo() {
        FlowLoadException e = loadFailure(dir.resolve("nope.json"));

        assertThat(e.reason()).isEqualTo("no such file");
    }

    @Test
    void aDirectorySaysSo() {
        FlowLoadException e = loadFailure(dir);

        assertThat(e.reason()).isEqualTo("this is a directory, not a flow file");
    }

    @Test
    void anEmptyFileSaysSo() throws Exception {
        FlowLoadException e = loadFailure(Files.createFile(dir.resolve("empty.json")));

        assertThat(e.reason()).isEqualTo("the file is empty");
    }

    @Test
    void invalidUtf8NamesTheByteOffset() throws Exception {
        byte[] head = "{\"format\": \"baton.flow/1\", \"id\": \"caf".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // Latin-1 'é', not UTF-8
        bytes[head.length + 1] = '"';
        bytes[head.length + 2] = '}';
        Path file = Files.write(dir.resolve("latin1.json"), bytes);

        FlowLoadException e = loadFailure(file);

        assertThat(e.reason()).isEqualTo("the file is not valid UTF-8 (bad byte at offset " + head.length
                + "); save it as UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] text = FlowJson.write(TestFlows.minimal()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);

        assertThat(FlowFiles.load(Files.write(dir.resolve("bom.json"), bytes)).flow()).isEqualTo(TestFlows.minimal());
    }

    @Test
    void aFileOverTheLimitIsRefusedWithoutReadingIt() throws Exception {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(FlowFiles.MAX_FILE_BYTES + 1); // sparse: no gigabytes written to disk
        }

        FlowLoadException e = loadFailure(file);

        assertThat(e.reason()).startsWith("the file is larger than 8 MiB");
    }

    @Test
    void anUnreadableFileSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.json"), FlowJson.write(TestFlows.minimal()));
        assumeThat(Files.getFileStore(file).supportsFileAttributeView("posix")).isTrue();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // root reads anything: there the case cannot be produced
        assumeThat(Files.isReadable(file)).as("running as root").isFalse();

        FlowLoadException e = loadFailure(file);

        assertThat(e.reason()).startsWith("permission denied");
    }

    @Test
    void aDeviceIsNoFlowFile() {
        Path device = Path.of("/dev/null");
        assumeThat(Files.exists(device)).isTrue();

        FlowLoadException e = loadFailure(device);

        assertThat(e.reason()).startsWith("not a regular file");
    }

    @Test
    void aDanglingLinkIsNoFlowFile() throws Exception {
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("gone.json"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links unsupported here").isTrue();
            return;
        }

        FlowLoadException e = loadFailure(link);

        assertThat(e.reason()).startsWith("not a regular file");
    }

    @Test
    void aContentErrorIsLocatedInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\n  \"format\": \"baton.flow/1\",\n  \"id\": 7\n}\n");

        FlowLoadException e = loadFailure(file);

        assertThat(e.location()).isEqualTo("3:9 /id");
        assertThat(e.reason()).isEqualTo("expected a string, found the integer 7");
    }
}
