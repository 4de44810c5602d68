package dev.baton.ui.panels;

import dev.baton.ui.run.HumanPrompt;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Run tab's question box: a person-in-the-loop node's question and the answer field. */
final class HumanQuestionBox {

    private final Label question = new Label();
    private final TextField answer = new TextField();
    private final Button answerButton = new Button("Answer");
    private final VBox humanBox;

    /** {@code onAnswer}: what Enter in the field and the Answer button do. */
    HumanQuestionBox(Runnable onAnswer) {
        answer.setId("human-answer");
        answer.setPromptText("Your answer");
        answer.setOnAction(e -> onAnswer.run());
        answerButton.setId("human-answer-button");
        answerButton.setOnAction(e -> onAnswer.run());
        question.setWrapText(true);
        question.setId("human-question");
        HBox answerRow = new HBox(6, answer, answerButton);
        HBox.setHgrow(answer, Priority.ALWAYS);
        humanBox = RunSideBox.of("run-human", question, answerRow);
    }

    VBox node() {
        return humanBox;
    }

    /** Shows the question with an empty, focused answer field, or hides the box for null. */
    void show(HumanPrompt p) {
        humanBox.setVisible(p != null);
        if (p != null) {
            question.setText(p.nodeId() + " asks: " + p.question());
            answer.clear();
            answer.requestFocus();
        }
    }

    /** The answer as typed. */
    String answer() {
        return answer.getText();
    }

    void clearAnswer() {
        answer.clear();
    }
}
