package dev.baton.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A directed graph over node indices, with what the validator needs from it: reachability and one concrete cycle per
 * strongly connected component. Iterative throughout, so that a long chain cannot overflow the stack.
 */
final class NodeGraph {

    private final List<List<Integer>> successors;

    NodeGraph(int size) {
        successors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            successors.add(new ArrayList<>());
        }
    }

    void add(int from, int to) {
        successors.get(from).add(to);
    }

    /** Marks every node reachable from the marked ones (the marks are updated in place). */
    void reach(boolean[] marked) {
        Deque<Integer> todo = new ArrayDeque<>();
        for (int i = 0; i < marked.length; i++) {
            if (marked[i]) {
                todo.push(i);
            }
        }
        while (!todo.isEmpty()) {
            for (int next : successors.get(todo.pop())) {
                if (!marked[next]) {
                    marked[next] = true;
                    todo.push(next);
                }
            }
        }
    }

    /**
     * One cycle per strongly connected component of two or more nodes, as node indices starting at the component's
     * lowest index (without repeating it at the end); components ordered by that index.
     */
    List<List<Integer>> cycles() {
        int[] component = components();
        List<List<Integer>> cycles = new ArrayList<>();
        boolean[] done = new boolean[successors.size()];
        for (int start = 0; start < successors.size(); start++) {
            if (done[component[start]]) {
                continue;
            }
            done[component[start]] = true;
            List<Integer> cycle = shortestCycle(start, component);
            if (cycle.size() > 1) {
                cycles.add(cycle);
            }
        }
        return cycles;
    }

    /** Breadth-first search from start back to start, staying inside its component. */
    private List<Integer> shortestCycle(int start, int[] component) {
        int[] parent = new int[successors.size()];
        Arrays.fill(parent, -1);
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int at = queue.poll();
            for (int next : successors.get(at)) {
                if (component[next] != component[start]) {
                    continue;
                }
                if (next == start) {
                    List<Integer> path = new ArrayList<>();
                    for (int k = at; k != start; k = parent[k]) {
                        path.add(k);
                    }
                    path.add(start);
                    Collections.reverse(path);
                    return path;
                }
                if (parent[next] < 0) {
                    parent[next] = at;
                    queue.add(next);
                }
            }
        }
        return List.of(start);
    }

    /** Tarjan's algorithm without recursion: the component id of each node. */
    private int[] components() {
        int n = successors.size();
        int[] index = new int[n];
        int[] low = new int[n];
        int[] component = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        int counter = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            // each frame: the node and the position of its next successor to visit
            Deque<int[]> frames = new ArrayDeque<>();
            frames.push(new int[] {root, 0});
            index[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            while (!frames.isEmpty()) {
                int[] frame = frames.peek();
                int v = frame[0];
                List<Integer> next = successors.get(v);
                if (frame[1] < next.size()) {
                    int w = next.get(frame[1]++);
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        frames.push(new int[] {w, 0});
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    int parent = frames.peek()[0];
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        component[w] = components;
                    } while (w != v);
                    components++;
                }
            }
        }
        return component;
    }
}
