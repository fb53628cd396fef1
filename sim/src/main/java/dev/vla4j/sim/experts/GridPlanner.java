package dev.vla4j.sim.experts;

import dev.vla4j.sim.Board;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A* over a 1 cm grid of the board for the end effector, around discs (blocks inflated by the pusher radius and a
 * slack). Cells inside a disc are not forbidden but cost {@value #INSIDE_COST} extra, so a start or goal inside one
 * still gets a path that leaves it the shortest way. 8-connected, octile heuristic; ties break by cell index, so
 * plans are deterministic.
 */
final class GridPlanner {
    static final double CELL_M = 0.01;
    private static final double INSIDE_COST = 30;
    private static final int ROWS = (int) Math.ceil((Board.X_MAX - Board.X_MIN) / CELL_M) + 1;
    private static final int COLS = (int) Math.ceil((Board.Y_MAX - Board.Y_MIN) / CELL_M) + 1;
    private static final int[] DR = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int[] DC = {-1, 0, 1, -1, 1, -1, 0, 1};

    private GridPlanner() {
    }

    /**
     * Waypoints {x, y} from (fromX, fromY) to (toX, toY), ending exactly at the goal, avoiding {@code discs}
     * ({x, y, r} each).
     */
    static List<double[]> plan(double fromX, double fromY, double toX, double toY, List<double[]> discs) {
        double[] extra = new double[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                double x = x(r);
                double y = y(c);
                for (double[] d : discs) {
                    if (Math.hypot(x - d[0], y - d[1]) < d[2]) {
                        extra[r * COLS + c] = INSIDE_COST;
                        break;
                    }
                }
            }
        }
        int start = cell(fromX, fromY);
        int goal = cell(toX, toY);
        double[] g = new double[ROWS * COLS];
        Arrays.fill(g, Double.POSITIVE_INFINITY);
        int[] parent = new int[ROWS * COLS];
        Arrays.fill(parent, -1);
        boolean[] closed = new boolean[ROWS * COLS];
        PriorityQueue<double[]> open = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : Double.compare(a[1], b[1]));
        g[start] = 0;
        open.add(new double[] {heuristic(start, goal), start});
        while (!open.isEmpty()) {
            int u = (int) open.poll()[1];
            if (closed[u]) {
                continue;
            }
            closed[u] = true;
            if (u == goal) {
                break;
            }
            int ur = u / COLS;
            int uc = u % COLS;
            for (int k = 0; k < 8; k++) {
                int vr = ur + DR[k];
                int vc = uc + DC[k];
                if (vr < 0 || vr >= ROWS || vc < 0 || vc >= COLS) {
                    continue;
                }
                int v = vr * COLS + vc;
                double cost = g[u] + (DR[k] != 0 && DC[k] != 0 ? Math.sqrt(2) : 1) + extra[v];
                if (cost < g[v]) {
                    g[v] = cost;
                    parent[v] = u;
                    open.add(new double[] {cost + heuristic(v, goal), v});
                }
            }
        }
        List<double[]> path = new ArrayList<>();
        path.add(new double[] {toX, toY});
        for (int v = parent[goal]; v != -1 && v != start; v = parent[v]) {
            path.add(new double[] {x(v / COLS), y(v % COLS)});
        }
        Collections.reverse(path);
        return path;
    }

    private static double heuristic(int a, int b) {
        int dr = Math.abs(a / COLS - b / COLS);
        int dc = Math.abs(a % COLS - b % COLS);
        return Math.max(dr, dc) + (Math.sqrt(2) - 1) * Math.min(dr, dc);
    }

    private static int cell(double x, double y) {
        int r = (int) Math.round((Board.clamp(x, Board.X_MIN, Board.X_MAX) - Board.X_MIN) / CELL_M);
        int c = (int) Math.round((Board.clamp(y, Board.Y_MIN, Board.Y_MAX) - Board.Y_MIN) / CELL_M);
        return Math.min(r, ROWS - 1) * COLS + Math.min(c, COLS - 1);
    }

    private static double x(int r) {
        return Board.X_MIN + r * CELL_M;
    }

    private static double y(int c) {
        return Board.Y_MIN + c * CELL_M;
    }
}
