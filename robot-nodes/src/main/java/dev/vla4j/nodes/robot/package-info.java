/**
 * Robots reached over a transport: the controller's end ({@link dev.vla4j.nodes.robot.RemoteRobot}, a {@link
 * dev.vla4j.policy.Robot}: {@link dev.vla4j.nodes.robot.RosRobot}, {@link dev.vla4j.nodes.robot.MqttRobot}) and
 * the robot's end ({@link dev.vla4j.nodes.robot.RobotPort}: {@link dev.vla4j.nodes.robot.RosRobotPort}, {@link
 * dev.vla4j.nodes.robot.MqttRobotPort}), both opened from one {@link dev.vla4j.nodes.robot.RobotLink}.
 *
 * <h2>Rules every controller end keeps</h2>
 * <ul>
 *   <li>Every action passes a {@link dev.vla4j.nodes.safety.SafetyLimiter}; a watchdog sends the hold command
 *       once when the caller stops sending for its period; {@code disconnect} sends hold three times first.</li>
 *   <li>The software e-stop topic latches the limiter (ROS {@code std_msgs/Bool} true; MQTT {@code cmd/estop}
 *       engage); only an explicit release (false / a release command) clears it.</li>
 *   <li>Single writer: it refuses to connect while another live controller owns the robot. ROS: a publisher of
 *       the action topic in {@code getSystemState} that answers {@code getPid} (a crashed one is ignored with a
 *       warning). MQTT: a retained {@code ONLINE} on {@code controller/connection} (a crashed controller's last
 *       will replaces it with {@code CONNECTION_BROKEN} once the broker notices).</li>
 *   <li>Inputs of the wrong shape (frame size, state length, non-finite values) are logged with their reason,
 *       counted, and dropped; the node carries on.</li>
 *   <li>{@code observe()} returns a frame together with the state that arrived after the previous observation's,
 *       never the same observation twice.</li>
 * </ul>
 *
 * <h2>Privileged simulator data</h2>
 * The scripted expert needs the simulator's hidden state, which never leaves the sim-robot node: the node runs the
 * expert itself each step and publishes its suggested action ({@code /vla4j/sim/expert_action}, MQTT
 * {@code sim/expert_action}) just before the frame it belongs to; {@code --policy expert} replays it through the
 * ordinary controller path (limiter included). A real robot publishes nothing there.
 */
package dev.vla4j.nodes.robot;
