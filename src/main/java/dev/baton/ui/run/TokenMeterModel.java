package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Locale;

/**
 * A run's tokens against the flow's budget and its cost, summed from {@link RunEvent.ModelResponded} events: the
 * engine prices each call at list price ({@code costUsd}), or leaves it null when the model's price is unknown.
 */
public final class TokenMeterModel {

    /** Where the run stands against its budget; the meter's colour. */
    public enum Level {
        /** No budget set: tokens and cost only. */
        NO_BUDGET,
        /** Below {@link #WARNING_FRACTION} of the budget. */
        OK,
        /** From {@link #WARNING_FRACTION} up to the budget. */
        WARNING,
        /** Over the budget. */
        OVER
    }

    /** The share of the budget from which the meter turns amber. */
    public static final double WARNING_FRACTION = 0.8;

    private final LongProperty tokensUsed = new SimpleLongProperty(this, "tokensUsed");
    private final LongProperty inputTokens = new SimpleLongProperty(this, "inputTokens");
    private final LongProperty outputTokens = new SimpleLongProperty(this, "outputTokens");
    private final LongProperty tokenBudget = new SimpleLongProperty(this, "tokenBudget");
    private final DoubleProperty budgetFraction = new SimpleDoubleProperty(this, "budgetFraction");
    private final ObjectProperty<Level> level = new SimpleObjectProperty<>(this, "level", Level.NO_BUDGET);
    private final DoubleProperty costUsd = new SimpleDoubleProperty(this, "costUsd");
    private final IntegerProperty unpricedCalls = new SimpleIntegerProperty(this, "unpricedCalls");
    private final BooleanProperty simulated = new SimpleBooleanProperty(this, "simulated");

    /** @param budget the flow's {@code limits.tokenBudget}; 0 or less for none */
    public TokenMeterModel(long budget) {
        tokenBudget.set(Math.max(0, budget));
        tokenBudget.addListener((o, a, b) -> update());
        update();
    }

    /** Starts over (a new run in the same view-model). */
    void reset(boolean simulatedRun) {
        simulated.set(simulatedRun);
        tokensUsed.set(0);
        inputTokens.set(0);
        outputTokens.set(0);
        costUsd.set(0);
        unpricedCalls.set(0);
        update();
    }

    /** Counts one answered model call. */
    void add(RunEvent.ModelResponded e) {
        inputTokens.set(inputTokens.get() + e.inputTokens());
        outputTokens.set(outputTokens.get() + e.outputTokens());
        tokensUsed.set(tokensUsed.get() + e.inputTokens() + e.outputTokens());
        if (e.costUsd() == null) {
            unpricedCalls.set(unpricedCalls.get() + 1);
        } else {
            costUsd.set(costUsd.get() + e.costUsd());
        }
        update();
    }

    private void update() {
        long budget = tokenBudget.get();
        double fraction = budget <= 0 ? 0 : (double) tokensUsed.get() / budget;
        budgetFraction.set(fraction);
        level.set(levelOf(budget, fraction));
    }

    /** The colour for {@code fraction} of a budget: amber from 80 %, red only above 100 %. */
    public static Level levelOf(long budget, double fraction) {
        if (budget <= 0) {
            return Level.NO_BUDGET;
        }
        return fraction > 1 ? Level.OVER : fraction >= WARNING_FRACTION ? Level.WARNING : Level.OK;
    }

    public LongProperty tokensUsedProperty() {
        return tokensUsed;
    }

    /** Prompt tokens of every call so far. */
    public LongProperty inputTokensProperty() {
        return inputTokens;
    }

    /** Completion tokens of every call so far. */
    public LongProperty outputTokensProperty() {
        return outputTokens;
    }

    /** The flow's token budget; 0 without one. */
    public LongProperty tokenBudgetProperty() {
        return tokenBudget;
    }

    /** Tokens used over the budget (0 without a budget); above 1 means over budget. */
    public DoubleProperty budgetFractionProperty() {
        return budgetFraction;
    }

    public ObjectProperty<Level> levelProperty() {
        return level;
    }

    /** The sum of the priced calls' list prices, in US dollars. */
    public DoubleProperty costUsdProperty() {
        return costUsd;
    }

    /** Calls whose model has no known price: the cost is then a lower bound. */
    public IntegerProperty unpricedCallsProperty() {
        return unpricedCalls;
    }

    public BooleanProperty simulatedProperty() {
        return simulated;
    }

    /** "simulated — $0", "$0.0123", or "≥ $0.0123 — 2 calls without a known price". */
    public String costText() {
        if (simulated.get()) {
            return "simulated — $0";
        }
        String dollars = dollars(costUsd.get());
        int unknown = unpricedCalls.get();
        if (unknown == 0) {
            return dollars;
        }
        return "≥ " + dollars + " — " + unknown + (unknown == 1 ? " call" : " calls") + " without a known price";
    }

    /** "12,345 / 120,000 tokens" with a budget, "12,345 tokens" without. */
    public String tokensText() {
        long budget = tokenBudget.get();
        return String.format(Locale.ROOT, "%,d", tokensUsed.get())
                + (budget > 0 ? String.format(Locale.ROOT, " / %,d", budget) : "") + " tokens";
    }

    /** The hover text: input and output tokens, the budget's share, what the cost counts. */
    public String detailText() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Input %,d tokens · output %,d tokens",
                inputTokens.get(), outputTokens.get()));
        long budget = tokenBudget.get();
        if (budget > 0) {
            s.append(String.format(Locale.ROOT, "%nBudget %,d tokens: %.0f %% used", budget,
                    budgetFraction.get() * 100));
        } else {
            s.append("\nNo token budget set (flow limits)");
        }
        s.append("\nCost at list price: ").append(costText());
        return s.toString();
    }

    /** Four decimals below a dollar, where single calls cost fractions of a cent; two above. */
    static String dollars(double usd) {
        return usd < 1 ? String.format(Locale.ROOT, "$%.4f", usd) : String.format(Locale.ROOT, "$%,.2f", usd);
    }
}
