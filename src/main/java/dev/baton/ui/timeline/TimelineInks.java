package dev.baton.ui.timeline;

import dev.baton.ui.timeline.TimelinePainter.Ink;
import javafx.beans.InvalidationListener;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline's paints as CSS properties ({@code -baton-timeline-bar}, {@code -baton-timeline-rejection} …), so that
 * its colours live in app.css with the theme's looked-up colours like everything else, not in Java.
 */
final class TimelineInks {

    private static final Map<Ink, CssMetaData<TimelineView, Paint>> META = new EnumMap<>(Ink.class);
    static final List<CssMetaData<? extends Styleable, ?>> CSS;

    static {
        for (Ink ink : Ink.values()) {
            // grey until the stylesheet applies: never a colour of its own
            META.put(ink, new CssMetaData<>(ink.cssProperty(), StyleConverter.getPaintConverter(), Color.GRAY) {
                @Override
                public boolean isSettable(TimelineView v) {
                    return !v.inks().property(ink).isBound();
                }

                @Override
                public StyleableProperty<Paint> getStyleableProperty(TimelineView v) {
                    return v.inks().property(ink);
                }
            });
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(META.values());
        CSS = Collections.unmodifiableList(all);
    }

    private final Map<Ink, StyleableObjectProperty<Paint>> properties = new EnumMap<>(Ink.class);

    /** @param changed told when the stylesheet changes a paint (the theme switched) */
    TimelineInks(TimelineView view, InvalidationListener changed) {
        for (Ink ink : Ink.values()) {
            StyleableObjectProperty<Paint> p = new SimpleStyleableObjectProperty<>(META.get(ink), view,
                    ink.name().toLowerCase(java.util.Locale.ROOT), Color.GRAY);
            p.addListener(changed);
            properties.put(ink, p);
        }
    }

    StyleableObjectProperty<Paint> property(Ink ink) {
        return properties.get(ink);
    }

    Paint get(Ink ink) {
        return properties.get(ink).get();
    }
}
