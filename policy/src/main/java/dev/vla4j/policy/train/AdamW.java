package dev.vla4j.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.policy.vla.VlaModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW exactly as {@code torch.optim.AdamW} (decoupled weight decay, bias-corrected moments, eps outside the square
 * root): {@code w ← w·(1 − lr·wd); m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * w ← w − lr·(m/(1−β1ᵗ)) / (sqrt(v/(1−β2ᵗ)) + eps)}. DJL's own Adam puts eps elsewhere and clips one-sidedly.
 * The decay applies only to the parameters {@link #decays} names, as in torch's usual two parameter groups.
 * Its state (both moments per parameter, the step) is saved and restored for exact resumption.
 */
public final class AdamW {
    public static final String FIRST_MOMENT = "exp_avg.";
    public static final String SECOND_MOMENT = "exp_avg_sq.";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager stateManager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long step;

    public AdamW(NDManager stateManager, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= beta < 1, eps > 0 and weight decay >= 0");
        }
        this.stateManager = stateManager;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** torch's defaults β = (0.9, 0.999) and eps 1e-8, with {@code weightDecay} (torch's default is 0.01). */
    public static AdamW withTorchDefaults(NDManager stateManager, double weightDecay) {
        return new AdamW(stateManager, 0.9, 0.999, 1e-8, weightDecay);
    }

    /**
     * Whether weight decay applies to the parameter {@code name} of shape {@code shape}: to weight matrices and conv
     * kernels (2 or more dimensions), not to biases, norm weights or the Bridge gates ({@code gating_factor}), which
     * are 1-D, nor to FastViTHD's layer-scale gains ((C, 1, 1)) or the ActionQuery table ({@value
     * VlaModel#ACTION_QUERIES}), which are gains and learned inputs rather than weights to keep small.
     */
    public static boolean decays(String name, Shape shape) {
        return shape.dimension() >= 2 && !name.contains("layer_scale") && !name.equals(VlaModel.ACTION_QUERIES);
    }

    public long step() {
        return step;
    }

    /**
     * One update of every parameter from its gradient (grad mode must be off), with weight decay where
     * {@link #decays} says so; the gradients are left untouched.
     */
    public void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double learningRate) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            String name = entry.getKey();
            NDArray weight = entry.getValue();
            NDArray gradient = gradients.get(name);
            if (gradient == null) {
                throw new IllegalArgumentException("no gradient for parameter '" + name + "'");
            }
            NDArray m = first.computeIfAbsent(name, n -> stateManager.zeros(weight.getShape()));
            NDArray v = second.computeIfAbsent(name, n -> stateManager.zeros(weight.getShape()));
            try (NDManager scope = stateManager.newSubManager()) {
                // every temporary goes to the step's scope: an op on m or v would otherwise leave its result in the
                // long-lived state manager (one parameter's worth of memory per parameter per step)
                m.muli((float) beta1).addi(inScope(gradient.mul((float) (1 - beta1)), scope));
                v.muli((float) beta2).addi(inScope(gradient.square(), scope).muli((float) (1 - beta2)));
                NDArray denominator = inScope(v.div((float) correction2), scope).sqrt().addi((float) eps);
                denominator.attach(scope);
                NDArray stepArray = inScope(m.div(denominator), scope).muli((float) (learningRate / correction1));
                if (weightDecay > 0 && decays(name, weight.getShape())) {
                    weight.muli((float) (1 - learningRate * weightDecay));
                }
                weight.subi(stepArray);
            }
        }
    }

    private static NDArray inScope(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    /** The moments by {@value #FIRST_MOMENT}/{@value #SECOND_MOMENT} + parameter name, for a checkpoint. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        first.forEach((name, m) -> state.put(FIRST_MOMENT + name, m));
        second.forEach((name, v) -> state.put(SECOND_MOMENT + name, v));
        return state;
    }

    /** Restores what {@link #state()} saved at step {@code savedStep}. */
    public void restore(Map<String, NDArray> state, long savedStep) {
        first.clear();
        second.clear();
        state.forEach((key, array) -> {
            NDArray copy = array.duplicate();
            copy.attach(stateManager);
            if (key.startsWith(FIRST_MOMENT)) {
                first.put(key.substring(FIRST_MOMENT.length()), copy);
            } else if (key.startsWith(SECOND_MOMENT)) {
                second.put(key.substring(SECOND_MOMENT.length()), copy);
            } else {
                throw new IllegalArgumentException("unknown optimizer state '" + key + "'");
            }
        });
        this.step = savedStep;
    }
}
