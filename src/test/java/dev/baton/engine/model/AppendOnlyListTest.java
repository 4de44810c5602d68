package dev.baton.engine.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots of an append-only list stay as they were taken, however the list grows, and cannot be changed. */
class AppendOnlyListTest {

    @Test
    void aSnapshotKeepsItsElementsWhileTheListGrowsPastItsArray() {
        AppendOnlyList<String> list = new AppendOnlyList<>();
        List<List<String>> snapshots = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            list.add("m" + i);
            snapshots.add(list.snapshot());
        }
        for (int i = 0; i < 100; i++) {
            List<String> expected = new ArrayList<>();
            for (int k = 0; k <= i; k++) {
                expected.add("m" + k);
            }
            assertThat(snapshots.get(i)).containsExactlyElementsOf(expected);
        }
        assertThat(list.size()).isEqualTo(100);
        assertThat(list.snapshot()).isEqualTo(snapshots.get(99)).hasSameHashCodeAs(snapshots.get(99));
    }

    @Test
    void aSnapshotCannotBeChangedAndNullIsRefused() {
        AppendOnlyList<String> list = new AppendOnlyList<>();
        list.addAll(List.of("a", "b"));
        List<String> s = list.snapshot();
        assertThatThrownBy(() -> s.add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.set(0, "c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.add(null)).isInstanceOf(NullPointerException.class);
        assertThat(s).containsExactly("a", "b");
    }

    @Test
    void prefixSnapshotsAreRecognisedOnlyWithinOneList() {
        AppendOnlyList<String> list = new AppendOnlyList<>();
        list.add("a");
        List<String> early = list.snapshot();
        list.add("b");
        List<String> later = list.snapshot();
        AppendOnlyList<String> other = new AppendOnlyList<>();
        other.addAll(List.of("a", "b"));

        assertThat(AppendOnlyList.isSnapshot(early)).isTrue();
        assertThat(AppendOnlyList.isSnapshot(List.of("a"))).isFalse();
        assertThat(AppendOnlyList.isPrefixSnapshot(early, later)).isTrue();
        assertThat(AppendOnlyList.isPrefixSnapshot(later, early)).isFalse();
        assertThat(AppendOnlyList.isPrefixSnapshot(early, other.snapshot())).isFalse();
        assertThat(AppendOnlyList.isPrefixSnapshot(List.of("a"), later)).isFalse();
    }

    @Test
    void aRequestAndAnActionTakeASnapshotAsItIsAndCopyAnyOtherList() {
        AppendOnlyList<ChatMessage> list = new AppendOnlyList<>();
        list.add(new ChatMessage.User("hi"));
        List<ChatMessage> snapshot = list.snapshot();
        assertThat(new ModelRequest("n", snapshot, List.of(), false).messages()).isSameAs(snapshot);
        List<ChatMessage> mutable = new ArrayList<>(snapshot);
        ModelRequest copied = new ModelRequest("n", mutable, List.of(), false);
        mutable.add(new ChatMessage.User("later"));
        assertThat(copied.messages()).hasSize(1);
    }
}
