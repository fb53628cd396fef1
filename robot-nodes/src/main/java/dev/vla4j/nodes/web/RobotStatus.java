package dev.vla4j.nodes.web;

/**
 * What the page shows about the robot, as of one instant.
 *
 * @param connected   the backend reaches the robot
 * @param mode        who moves it
 * @param estop       the e-stop is latched (nothing moves until an explicit reset)
 * @param instruction the language instruction the policy gets
 * @param state       the robot's state vector (proprioception), robot units
 * @param stateNames  a name per state value
 * @param step        control steps taken since start
 * @param chunk       the latest predicted chunk, or null before the first one
 * @param recording   episode recording
 * @param note        what the operator should know (the last refusal or fault), or empty
 */
public record RobotStatus(boolean connected, Mode mode, boolean estop, String instruction, float[] state,
                          java.util.List<String> stateNames, long step, PredictedChunk chunk,
                          RecordingStatus recording, String note) {
    public RobotStatus {
        if (state.length != stateNames.size()) {
            throw new IllegalArgumentException(state.length + " state values but " + stateNames.size() + " names");
        }
        state = state.clone();
        stateNames = java.util.List.copyOf(stateNames);
        note = note == null ? "" : note;
    }

    @Override
    public float[] state() {
        return state.clone();
    }
}
