package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The engine rule of DESIGN.md §3: nothing lands in the weights' manager, only the outputs in the caller's. */
class Qwen2ArrayOwnershipTest {

    @Test
    void forwardAndGenerationLeaveNoArraysBehind() {
        try (NDManager weightsManager = Engine.getInstance().newBaseManager();
             NDManager caller = Engine.getInstance().newBaseManager()) {
            Qwen2Model model = TestWeights.randomModel(weightsManager, Qwen2Config.tiny(), 3);
            int weightArrays = weightsManager.getManagedArrays().size();

            NDArray ids = caller.create(new long[] {1, 2, 3, 4}, new Shape(1, 4));
            Qwen2Output out = model.forward(ids, caller.ones(new Shape(1, 4), DataType.INT64),
                    null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
            // ids + mask + the embeddings (hidden state 0) + one array per layer (the last one normed) + logits
            assertEquals(2 + out.hiddenStates().size() + 1, caller.getManagedArrays().size());
            assertEquals(weightArrays, weightsManager.getManagedArrays().size());

            int before = caller.getManagedArrays().size();
            new Qwen2Generator(model).generate(caller, new long[] {1, 2, 3}, GenerationConfig.greedy(20), null);
            new Qwen2Generator(model).generate(out.hiddenStates().get(0), GenerationConfig.greedy(5), null);
            assertEquals(before, caller.getManagedArrays().size());
            assertEquals(weightArrays, weightsManager.getManagedArrays().size());
        }
    }
}
