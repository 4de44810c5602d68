package dev.baton.ui.shell;

import dev.baton.ui.fx.DialogService;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Scripted answers to the designer's questions, and a record of the errors shown. */
public final class FakeDialogs implements DialogService {

    public final Deque<Path> filesToOpen = new ArrayDeque<>();
    public final Deque<Path> filesToSave = new ArrayDeque<>();
    public final List<String> errors = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public UnsavedChoice unsavedAnswer = UnsavedChoice.CANCEL;
    public int unsavedAsked;
    public boolean confirmAnswer;
    /** The answer to "start the programs of this flow?" (yes unless a test says otherwise); what was asked. */
    public boolean programsAnswer = true;
    public final List<String> programsAsked = new ArrayList<>();
    public String textAnswer;
    /** The answer to a choice (null: cancel); the options last offered. */
    public String choiceAnswer;
    public List<String> choicesOffered = List.of();

    @Override
    public Optional<String> chooseOne(String title, String prompt, List<String> options) {
        choicesOffered = List.copyOf(options);
        return Optional.ofNullable(choiceAnswer);
    }

    @Override
    public Optional<Path> chooseFileToOpen() {
        return Optional.ofNullable(filesToOpen.poll());
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName, String extension) {
        return Optional.ofNullable(filesToSave.poll());
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
        // information needs no answer
        infos.add(title + ": " + message);
    }

    @Override
    public UnsavedChoice askUnsaved(String flowName) {
        unsavedAsked++;
        return unsavedAnswer;
    }

    @Override
    public boolean confirm(String title, String message) {
        return confirmAnswer;
    }

    @Override
    public boolean approvePrograms(String flowName, String programs) {
        programsAsked.add(programs);
        return programsAnswer;
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        return Optional.ofNullable(textAnswer);
    }
}
