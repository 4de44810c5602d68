package dev.baton.ui.canvas;

import dev.baton.flow.EdgeKind;
import dev.baton.flow.Position;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The picture routes edges as numbers (no objects): exactly the route the skins take, for every kind. */
class EdgeRoutingNumbersTest {

    @Test
    void theNumbersAreTheRouteOfEveryKind() {
        Random random = new Random(7);
        double[] out = new double[8];
        for (EdgeKind kind : EdgeKind.values()) {
            for (int i = 0; i < 200; i++) {
                Position from = new Position(random.nextInt(4000) - 2000, random.nextInt(4000) - 2000);
                Position to = i == 0 ? from : new Position(random.nextInt(4000) - 2000, random.nextInt(4000) - 2000);
                EdgeRouting.Route r = EdgeRouting.of(kind, from, to);
                EdgeRouting.route(kind, from, to, out);
                assertThat(out).containsExactly(r.a().getX(), r.a().getY(), r.da().getX(), r.da().getY(),
                        r.b().getX(), r.b().getY(), r.db().getX(), r.db().getY());
                assertThat(EdgeRouting.controlDistance(out)).isEqualTo(EdgeRouting.controlDistance(r));
            }
        }
    }
}
