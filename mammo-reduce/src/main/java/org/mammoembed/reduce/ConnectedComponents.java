package org.mammoembed.reduce;

import java.util.ArrayList;
import java.util.List;

/** Connected components of a symmetric sparse graph, numbered in order of their first row. */
final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /** Component number of each row. */
    static int[] label(SparseAffinities graph) {
        int n = graph.rows();
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        int[] stack = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (label[s] >= 0) {
                continue;
            }
            int top = 0;
            stack[top++] = s;
            label[s] = next;
            while (top > 0) {
                int i = stack[--top];
                for (int e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) {
                    int j = graph.columns[e];
                    if (label[j] < 0) {
                        label[j] = next;
                        stack[top++] = j;
                    }
                }
            }
            next++;
        }
        return label;
    }

    /** Rows of each component, ascending. */
    static List<int[]> members(int[] label, int count) {
        int[] size = new int[count];
        for (int c : label) {
            size[c]++;
        }
        List<int[]> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            out.add(new int[size[c]]);
        }
        int[] fill = new int[count];
        for (int i = 0; i < label.length; i++) {
            out.get(label[i])[fill[label[i]]++] = i;
        }
        return out;
    }
}
