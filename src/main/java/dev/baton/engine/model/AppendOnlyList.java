package dev.baton.engine.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list that only grows, whose {@link #snapshot() snapshots} are immutable views of its first elements, taken and
 * passed on without copying. A tool loop's conversation grows by two messages per turn and is handed to the model,
 * the events and the requests on every turn: copied whole each time, a loop of N calls copies O(N²) references. An
 * element once added never changes, so a view of the first n stays true however the list grows. One thread appends
 * (the activation's); snapshots may be read from any thread they are handed to.
 *
 * @param <E> the element type; null elements are refused, like {@link List#copyOf}
 */
public final class AppendOnlyList<E> {

    private Object[] elements;
    private int size;

    /** An empty list. */
    public AppendOnlyList() {
        elements = new Object[16];
    }

    /** Appends {@code element}. */
    public void add(E element) {
        Objects.requireNonNull(element, "element");
        if (size == elements.length) {
            // a new array: snapshots keep the old one, whose first elements are the same and never written again
            elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size++] = element;
    }

    /** Appends every element of {@code more}, in order. */
    public void addAll(Collection<? extends E> more) {
        for (E e : more) {
            add(e);
        }
    }

    /** How many elements were added. */
    public int size() {
        return size;
    }

    /** The elements added so far, as an immutable list that later additions do not change. */
    public List<E> snapshot() {
        return new Snapshot<>(this, elements, size);
    }

    /** True when {@code list} is a snapshot: immutable already, so a copy would only cost. */
    public static boolean isSnapshot(List<?> list) {
        return list instanceof Snapshot;
    }

    /**
     * True when {@code prefix} and {@code list} are snapshots of the same list and {@code prefix} is no longer: its
     * elements are then the first elements of {@code list}, found out without looking at them.
     */
    public static boolean isPrefixSnapshot(List<?> prefix, List<?> list) {
        return prefix instanceof Snapshot<?> p && list instanceof Snapshot<?> l && p.owner == l.owner
                && p.size <= l.size;
    }

    /** An immutable view of the first {@code size} elements. */
    private static final class Snapshot<E> extends AbstractList<E> implements RandomAccess {
        private final AppendOnlyList<E> owner;
        // final: whoever sees the snapshot sees the array as it was filled when the snapshot was made (JLS 17.5)
        private final Object[] elements;
        private final int size;

        Snapshot(AppendOnlyList<E> owner, Object[] elements, int size) {
            this.owner = owner;
            this.elements = elements;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E get(int index) {
            Objects.checkIndex(index, size);
            return (E) elements[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
