package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type the sealed {@link RunEvent} permits has its own {@link RunEvent.Handler} method and reaches it. */
class RunEventDispatchTest {

    @Test
    void theHandlerHasOneMethodPerPermittedEventType() {
        List<Class<?>> handled = Arrays.stream(RunEvent.Handler.class.getDeclaredMethods())
                .filter(m -> !m.isSynthetic())
                .peek(m -> assertThat(m.getName()).isEqualTo("on"))
                .peek(m -> assertThat(Modifier.isAbstract(m.getModifiers())).as(m + " has no default").isTrue())
                .<Class<?>>map(m -> m.getParameterTypes()[0]).toList();
        assertThat(handled).containsExactlyInAnyOrderElementsOf(new ArrayList<Class<?>>(RunEventSamples.types()));
    }

    @Test
    void everyPermittedEventTypeIsDispatchedToItsOwnMethod() {
        List<Class<?>> reached = new ArrayList<>();
        RunEvent.Handler<?> recorder = (RunEvent.Handler<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RunEvent.Handler.class}, (proxy, method, args) -> {
                    assertThat(args[0]).isInstanceOf(method.getParameterTypes()[0]);
                    reached.add(method.getParameterTypes()[0]);
                    return null;
                });
        List<RunEvent> all = RunEventSamples.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(29);
        for (RunEvent e : all) {
            e.accept(recorder);
        }
        assertThat(reached).containsExactlyElementsOf(new ArrayList<Class<?>>(RunEventSamples.types()));
    }

    @Test
    void aPartialHandlerSendsWhatItDoesNotOverrideToOtherwise() {
        PartialHandler<String> onlyFinished = new PartialHandler<>() {
            @Override
            protected String otherwise(RunEvent e) {
                return "skipped " + e.type();
            }

            @Override
            public String on(RunEvent.RunFinished e) {
                return "finished";
            }
        };
        for (RunEvent e : RunEventSamples.all()) {
            assertThat(e.accept(onlyFinished))
                    .isEqualTo(e instanceof RunEvent.RunFinished ? "finished" : "skipped " + e.type());
        }
        for (Method m : RunEvent.Handler.class.getDeclaredMethods()) {
            assertThat(Arrays.stream(PartialHandler.class.getDeclaredMethods())
                    .anyMatch(p -> p.getName().equals(m.getName())
                            && Arrays.equals(p.getParameterTypes(), m.getParameterTypes())))
                    .as("PartialHandler overrides " + m).isTrue();
        }
    }
}
