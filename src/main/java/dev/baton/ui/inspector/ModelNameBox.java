package dev.baton.ui.inspector;

import dev.baton.engine.model.ModelPrices;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.ServerModels;
import dev.baton.flow.ModelRef;
import dev.baton.ui.fx.Daemons;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The model name as an editable combo box: it offers the provider's known models (the bundled price table, and what
 * an Ollama or OpenAI-compatible server lists, asked off the FX thread), selects its whole text on focus so that
 * typing replaces the name, and commits on Enter, on a pick from the list, or when it loses focus.
 */
public final class ModelNameBox extends ComboBox<String> {

    /** Where server lists are fetched: one daemon thread, so a slow server never blocks the FX thread. */
    static final Executor FETCHER = Executors.newSingleThreadExecutor(Daemons.named("baton-model-list"));
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<ModelRef> model;
    private final Supplier<String> read;
    private final Function<String, Optional<String>> commit;
    private final java.util.function.Consumer<String> onMessage;
    private String listedFor = "\u0000";

    /**
     * @param model    the model reference in effect (its provider and base URL decide the list)
     * @param read     the field's stored text
     * @param commit   stores a text; returns a message when it cannot
     */
    ModelNameBox(Supplier<ModelRef> model, Supplier<String> read, Function<String, Optional<String>> commit,
                 java.util.function.Consumer<String> onMessage) {
        this.model = model;
        this.read = read;
        this.commit = commit;
        this.onMessage = onMessage;
        setEditable(true);
        setMaxWidth(Double.MAX_VALUE);
        getStyleClass().add("model-name-box");
        getEditor().focusedProperty().addListener((o, was, now) -> {
            if (now) {
                // typing replaces the name rather than appending to it
                Platform.runLater(getEditor()::selectAll);
            } else {
                store(getEditor().getText());
            }
        });
        valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                store(now);
            }
        });
        refresh();
    }

    private void store(String text) {
        if (text != null && !text.strip().equals(read.get().strip())) {
            onMessage.accept(commit.apply(text).orElse(""));
        }
    }

    /** Shows the stored name (unless being typed in) and the list of the provider now in effect. */
    void refresh() {
        ModelRef m = model.get();
        String key = m.provider() + "|" + (m.baseUrl() == null ? "" : m.baseUrl());
        if (!key.equals(listedFor)) {
            listedFor = key;
            List<String> known = known(m.provider());
            getItems().setAll(known);
            setPlaceholder(placeholder(m));
            if (ServerModels.listsFromServer(m.provider())) {
                fetch(m, key, known);
            }
        }
        if (!getEditor().isFocused()) {
            String name = read.get();
            if (!name.equals(getValue())) {
                setValue(name);
            }
            getEditor().setText(name);
        }
    }

    private void fetch(ModelRef m, String key, List<String> known) {
        FETCHER.execute(() -> {
            List<String> served = new ServerModels(Credentials.fromSystem(), SERVER_TIMEOUT)
                    .list(m.provider(), m.baseUrl());
            if (served.isEmpty()) {
                return;
            }
            Platform.runLater(() -> {
                if (key.equals(listedFor)) {
                    Set<String> all = new LinkedHashSet<>(served);
                    all.addAll(known);
                    String value = getValue();
                    getItems().setAll(all);
                    setValue(value);
                }
            });
        });
    }

    /**
     * What the list says while it is empty (an Ollama server that is not running, an OpenAI-compatible server not
     * reached yet): the open list was a blank box, as if the field were broken. One short line, as wide as the box at
     * most: the popup is sized for rows, not for a paragraph.
     */
    private static javafx.scene.control.Label placeholder(ModelRef m) {
        String text;
        if (ServerModels.listsFromServer(m.provider())) {
            text = "Server not reached: type a name";
        } else {
            text = "None known: type a model name";
        }
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.getStyleClass().add("model-list-placeholder");
        return l;
    }

    /** The names Baton knows for {@code provider} without asking anyone. */
    public static List<String> known(String provider) {
        if (ModelRef.SIMULATED.equals(provider)) {
            return List.of(ModelRef.SIMULATED_DEFAULT.name());
        }
        return ModelPrices.bundled().models(provider);
    }
}
