/**
 * The MQTT transport between a vla4j controller and a robot (Eclipse Paho, MQTT 5), after VDA 5050's layout,
 * and an embedded broker for demos ({@link dev.vla4j.nodes.mqtt.EmbeddedBroker}).
 *
 * <h2>Topics</h2>
 * Every topic of one robot starts with {@code <prefix>/v1/<robotId>} (both configurable, {@link
 * dev.vla4j.nodes.mqtt.MqttTopics}):
 * <pre>
 * topic                          from        payload                 QoS  retained  expiry
 * cmd/action                     controller  {@link dev.vla4j.nodes.mqtt.ActionCommand}           0    no        ttl (1 s)
 * cmd/estop                      controller  {@link dev.vla4j.nodes.mqtt.EStopCommand}            1    engage only
 * cmd/instruction                controller  {@link dev.vla4j.nodes.mqtt.InstructionCommand}      1    no        ttl
 * controller/connection          controller  {@link dev.vla4j.nodes.mqtt.ConnectionState}         1    yes       (last will)
 * state/joint_states             robot       {@link dev.vla4j.nodes.mqtt.JointStates}             0    no
 * state/status                   robot       {@link dev.vla4j.nodes.mqtt.RobotStatus}             1    yes
 * camera/&lt;name&gt;/image            robot       JPEG bytes ({@link dev.vla4j.nodes.mqtt.CameraFrame})  0    no
 * camera/&lt;name&gt;/info             robot       {@link dev.vla4j.nodes.mqtt.CameraInfo}              1    yes
 * connection                     robot       {@link dev.vla4j.nodes.mqtt.ConnectionState}         1    yes       (last will)
 * </pre>
 *
 * <h2>Payloads</h2>
 * JSON (UTF-8, debuggable with {@code mosquitto_sub -v}) with the envelope {@code {"id", "ts" (epoch ms),
 * "ttl_ms", ...}}, e.g. {@code {"id":"…","ts":1732646400000,"ttl_ms":1000,"seq":42,"action":[0.1,-0.2,…]}};
 * {@code ttl_ms} 0 means "valid until replaced" and is used only for retained state and an e-stop engage. Units
 * follow ROS (m, rad, s). Camera frames are the JPEG file itself, with the MQTT 5 content type
 * {@code image/jpeg} and the user properties {@code width}, {@code height} and {@code stamp} (epoch ms).
 * Parsing is strict: malformed JSON, missing, unknown or mistyped fields, non-finite numbers, wrong vector
 * lengths, stale messages ({@code now - ts > ttl_ms}) and oversized payloads are rejected, logged and counted,
 * and the receiver carries on with the next message.
 *
 * <h2>Sessions</h2>
 * Both sides connect with clean start (no commands queued during an outage arrive after a reconnect), reconnect
 * on their own and renew their subscriptions and retained state, announce {@code ONLINE} / {@code OFFLINE} on
 * their connection topic, and leave {@code {"state":"CONNECTION_BROKEN"}} there as their last will. An e-stop
 * engage is retained (it fails safe); a release is never retained: it is a fresh, expiring command, after which
 * the retained engage is cleared. This software stop is not a safety-rated emergency stop, and the safety layer
 * (limits, slew, watchdog, e-stop latch) lies outside this package.
 */
package dev.vla4j.nodes.mqtt;
