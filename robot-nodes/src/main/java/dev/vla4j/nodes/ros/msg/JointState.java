package dev.vla4j.nodes.ros.msg;

import java.util.List;

/** {@code sensor_msgs/JointState}; arrays may be empty, and are compared by reference. */
public record JointState(Header header, List<String> name, double[] position, double[] velocity, double[] effort)
        implements Stamped<JointState> {
    public static final MessageType<JointState> TYPE = MessageType.of("sensor_msgs/JointState", JointState::read);

    public JointState {
        name = List.copyOf(name);
    }

    public static JointState read(MessageReader in) {
        return new JointState(Header.read(in), in.stringArray(), in.float64Array(), in.float64Array(),
                in.float64Array());
    }

    @Override
    public void write(MessageWriter out) {
        header.write(out);
        out.stringArray(name).float64Array(position).float64Array(velocity).float64Array(effort);
    }

    @Override
    public JointState withHeader(Header newHeader) {
        return new JointState(newHeader, name, position, velocity, effort);
    }

    @Override
    public MessageType<JointState> type() {
        return TYPE;
    }
}
