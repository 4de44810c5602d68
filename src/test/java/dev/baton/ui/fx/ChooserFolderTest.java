package dev.baton.ui.fx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** File choosers start beside the open flow, else where the user last chose, else at home (not the working folder). */
class ChooserFolderTest {

    @TempDir
    Path dir;

    @Test
    void theOpenFlowsFolderComesFirstThenTheLastChosenThenHome() throws Exception {
        Path flows = Files.createDirectories(dir.resolve("flows"));
        File last = Files.createDirectories(dir.resolve("last")).toFile();
        assertThat(FxDialogService.initialDirectory(flows.resolve("chain.json"), last)).isEqualTo(flows.toFile());
        assertThat(FxDialogService.initialDirectory(null, last)).isEqualTo(last);
        assertThat(FxDialogService.initialDirectory(dir.resolve("gone/chain.json"), last)).isEqualTo(last);
        assertThat(FxDialogService.initialDirectory(null, new File(dir.toFile(), "gone")))
                .isEqualTo(new File(System.getProperty("user.home")));
    }
}
