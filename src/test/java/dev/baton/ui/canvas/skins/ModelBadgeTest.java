package dev.baton.ui.canvas.skins;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A card's model badge too long for its header keeps the model's name (the end) and cuts the provider (the start). */
@ExtendWith(ApplicationExtension.class)
class ModelBadgeTest {

    @Test
    void aCutBadgeStillShowsTheModelsName() throws Exception {
        String shown = WaitForAsyncUtils.asyncFx(() -> {
            NodeSkin skin = new NodeSkin(AgentNode.of("w", NodeKind.AGENT, "Writer")
                    .withModel(new ModelRef("openai-compatible", "llama-3.1-70b-instruct", null, null)), null);
            Scene scene = new Scene(new Group(skin));
            scene.getStylesheets().add(ModelBadgeTest.class.getResource("/dev/baton/ui/app.css").toExternalForm());
            skin.applyCss();
            skin.layout();
            Label badge = (Label) skin.lookup(".model-badge");
            Text text = (Text) badge.lookup(".text");
            return text.getText();
        }).get(20, TimeUnit.SECONDS);
        assertThat(shown).as("the badge as drawn").isNotEqualTo("openai-compatible/llama-3.1-70b-instruct")
                .endsWith("70b-instruct");
    }
}
