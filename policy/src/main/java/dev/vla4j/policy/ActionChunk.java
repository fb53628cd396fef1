package dev.vla4j.policy;

/** H future actions (H × A, robot units) predicted at once, to be executed open-loop in order. */
public record ActionChunk(float[][] actions) {
    public ActionChunk {
        if (actions.length == 0) {
            throw new IllegalArgumentException("an action chunk needs at least one action");
        }
        int dim = actions[0].length;
        float[][] copy = new float[actions.length][];
        for (int t = 0; t < actions.length; t++) {
            if (actions[t].length != dim) {
                throw new IllegalArgumentException("action " + t + " has " + actions[t].length + " values, action 0 has " + dim);
            }
            for (int d = 0; d < dim; d++) {
                if (!Float.isFinite(actions[t][d])) {
                    throw new IllegalArgumentException("action " + t + "[" + d + "] is " + actions[t][d]);
                }
            }
            copy[t] = actions[t].clone();
        }
        actions = copy;
    }

    public int horizon() {
        return actions.length;
    }

    public int actionDim() {
        return actions[0].length;
    }

    public float[] action(int t) {
        return actions[t].clone();
    }

    @Override
    public float[][] actions() {
        float[][] copy = new float[actions.length][];
        for (int t = 0; t < actions.length; t++) {
            copy[t] = actions[t].clone();
        }
        return copy;
    }
}
