package dev.baton.ui.panels;

import dev.baton.ui.run.TokenMeterModel;
import dev.baton.ui.run.TokenMeterModel.Level;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

import java.util.List;

/**
 * The run panel's compact token and cost meter: a bar of tokens used against the flow's token budget (green, amber
 * from 80 %, red over; no bar without a budget), the tokens as text, the cost at list price, and input against output
 * tokens on hover. The colours are CSS pseudo-classes {@code :warning} and {@code :over} on {@code .token-meter}.
 */
public final class TokenMeter extends HBox {

    static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    static final PseudoClass OVER = PseudoClass.getPseudoClass("over");
    static final double BAR_WIDTH = 110;

    private final Region track = new Region();
    private final Region fill = new Region();
    private final StackPane bar = new StackPane(track, fill);
    private final Label tokens = new Label();
    private final Label cost = new Label();
    private final Tooltip tip = new Tooltip();
    private final InvalidationListener refresh = o -> refresh();
    private TokenMeterModel model;

    public TokenMeter() {
        super(8);
        getStyleClass().add("token-meter");
        setId("token-meter");
        setAlignment(Pos.CENTER_LEFT);
        track.getStyleClass().add("token-meter-track");
        fill.getStyleClass().add("token-meter-fill");
        bar.getStyleClass().add("token-meter-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(BAR_WIDTH);
        bar.setPrefWidth(BAR_WIDTH);
        bar.setMaxWidth(BAR_WIDTH);
        bar.managedProperty().bind(bar.visibleProperty());
        track.setMaxWidth(BAR_WIDTH);
        fill.setMaxWidth(Region.USE_PREF_SIZE);
        tokens.setId("token-meter-tokens");
        tokens.getStyleClass().add("token-meter-tokens");
        cost.setId("token-meter-cost");
        cost.getStyleClass().add("token-meter-cost");
        tokens.setMinWidth(Region.USE_PREF_SIZE);
        cost.setMinWidth(0);
        tip.setShowDelay(Duration.millis(250));
        Tooltip.install(this, tip);
        getChildren().addAll(bar, tokens, cost);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /** Shows {@code m} from now on; null hides the meter. */
    public void show(TokenMeterModel m) {
        if (model != null) {
            observed(model).forEach(o -> o.removeListener(refresh));
        }
        model = m;
        if (m != null) {
            observed(m).forEach(o -> o.addListener(refresh));
        }
        refresh();
    }

    private static List<Observable> observed(TokenMeterModel m) {
        // the fraction and level change last when a call is counted: the meter must see them
        return List.of(m.tokensUsedProperty(), m.tokenBudgetProperty(), m.budgetFractionProperty(),
                m.costUsdProperty(), m.unpricedCallsProperty(), m.simulatedProperty(), m.levelProperty());
    }

    private void refresh() {
        setVisible(model != null);
        if (model == null) {
            return;
        }
        Level level = model.levelProperty().get();
        bar.setVisible(level != Level.NO_BUDGET);
        double fraction = Math.min(1, Math.max(0, model.budgetFractionProperty().get()));
        fill.setPrefWidth(Math.round(BAR_WIDTH * fraction));
        fill.setVisible(fraction > 0);
        pseudoClassStateChanged(WARNING, level == Level.WARNING);
        pseudoClassStateChanged(OVER, level == Level.OVER);
        tokens.setText(model.tokensText());
        cost.setText(model.costText());
        tip.setText(model.detailText());
    }

    /** The fill's share of the bar, 0…1 (what the user sees). */
    public double shownFraction() {
        return fill.getPrefWidth() / BAR_WIDTH;
    }

    /** True when the bar is drawn (the flow has a token budget). */
    public boolean barShown() {
        return bar.isVisible();
    }

    public String tokensText() {
        return tokens.getText();
    }

    public String costText() {
        return cost.getText();
    }

    public String tooltipText() {
        return tip.getText();
    }
}
