package dev.vla4j.nodes.ros;

import static dev.vla4j.nodes.ros.LocalRosMaster.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.ros.msg.Bool;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.JointState;
import dev.vla4j.nodes.ros.msg.StdString;
import dev.vla4j.nodes.ros.msg.Twist;
import dev.vla4j.nodes.ros.msg.Vector3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java node against the Debian {@code rostopic} tool (rospy) in both directions, on a private master. */
class RosTopicInteropTest {
    private static LocalRosMaster ros;
    private static RosNode node;

    @BeforeAll
    static void start() throws Exception {
        ros = LocalRosMaster.start();
        node = RosNode.start("/vla4j_topics", ros.uri(), HOST);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (ros != null) {
            ros.close();
        }
    }

    @Test
    void javaPublisherReachesRostopicEchoAsCsv() throws Exception {
        Publisher<Twist> publisher = node.publisher("/echo_cmd_vel", Twist.TYPE, false);
        try (Repeater ignored = Repeater.every(100, () ->
                publisher.publish(new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, -0.3))))) {
            String csv = ros.run("rostopic", "echo", "-n", "1", "-p", "/echo_cmd_vel");
            assertEquals("0.5", CsvEcho.field(csv, "field.linear.x"), csv);
            assertEquals("-0.3", CsvEcho.field(csv, "field.angular.z"), csv);
        } finally {
            publisher.close();
        }
    }

    @Test
    void rostopicPubReachesJavaSubscribersOfTwistAndJointState() throws Exception {
        BlockingQueue<Twist> twists = new LinkedBlockingQueue<>();
        BlockingQueue<JointState> states = new LinkedBlockingQueue<>();
        try (Subscriber<Twist> cmd = node.subscribe("/pub_cmd_vel", Twist.TYPE, twists::add);
             Subscriber<JointState> joints = node.subscribe("joint_states", JointState.TYPE, states::add)) {
            ros.launch("rostopic", "pub", "-r", "10", "/pub_cmd_vel", "geometry_msgs/Twist",
                    "{linear: {x: 0.5}, angular: {z: 0.3}}");
            ros.launch("rostopic", "pub", "-r", "10", "/joint_states", "sensor_msgs/JointState",
                    "{header: {stamp: now, frame_id: base}, name: [j1, j2], position: [0.1, 0.2],"
                            + " velocity: [0, 0], effort: []}");
            Twist twist = twists.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, 0.3)), twist);
            JointState state = states.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(state, "no JointState from rostopic pub");
            assertEquals("base", state.header().frameId());
            assertEquals(java.util.List.of("j1", "j2"), state.name());
            assertArrayEquals(new double[] {0.1, 0.2}, state.position());
            assertArrayEquals(new double[] {0, 0}, state.velocity());
            assertEquals(0, state.effort().length);
            assertTrue(state.header().stamp().secs() > 0, "stamp: now");
        }
    }

    @Test
    void a640x480Rgb8ImageFromRostopicPubArrivesIntact() throws Exception {
        byte[] pixels = new byte[640 * 480 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 251);
        }
        Path yaml = ros.home().resolve("image.yaml");
        Files.writeString(yaml, "header: {frame_id: camera}\nheight: 480\nwidth: 640\nencoding: rgb8\n"
                + "is_bigendian: 0\nstep: 1920\ndata: !!binary " + Base64.getEncoder().encodeToString(pixels) + "\n");
        BlockingQueue<Image> images = new LinkedBlockingQueue<>();
        try (Subscriber<Image> ignored = node.subscribe("/camera/image_raw", Image.TYPE, images::add)) {
            ros.launch("rostopic", "pub", "-r", "15", "-f", yaml.toString(), "/camera/image_raw", "sensor_msgs/Image");
            Image image = images.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(image, "no Image from rostopic pub");
            assertEquals(480, image.height());
            assertEquals(640, image.width());
            assertEquals("rgb8", image.encoding());
            assertEquals(1920, image.step());
            assertArrayEquals(pixels, image.data());
        }
    }

    @Test
    void rostopicHzMeasuresAJavaPublisherThroughAWildcardMd5() throws Exception {
        Publisher<StdString> publisher = node.publisher("/hz_topic", StdString.TYPE, false);
        try (Repeater ignored = Repeater.every(50, () -> publisher.publish(new StdString("tick")))) {
            Process hz = ros.launch("rostopic", "hz", "/hz_topic");
            Pattern rate = Pattern.compile("average rate: ([0-9.]+)");
            String[] found = new String[1];
            LocalRosMaster.await("rostopic hz to report a rate", () -> {
                Matcher matcher = rate.matcher(read(hz));
                return matcher.find() && (found[0] = matcher.group(1)) != null;
            });
            double hertz = Double.parseDouble(found[0]);
            System.out.println("[vla4j] rostopic hz on a Java publisher at a 50 ms period: " + hertz + " Hz");
            assertTrue(hertz > 0, "rate " + hertz);
            hz.destroy();
        } finally {
            publisher.close();
        }
    }

    @Test
    void rostopicListVerboseShowsJavaTopics() throws Exception {
        try (Publisher<StdString> ignoredPublisher = node.publisher("/listed_out", StdString.TYPE, false);
             Subscriber<Twist> ignoredSubscriber = node.subscribe("/listed_in", Twist.TYPE, twist -> { })) {
            String list = ros.run("rostopic", "list", "-v");
            assertTrue(list.contains("/listed_out [std_msgs/String] 1 publisher"), list);
            assertTrue(list.contains("/listed_in [geometry_msgs/Twist] 1 subscriber"), list);
        }
    }

    @Test
    void aLatchedEstopReachesALateRostopicEcho() throws Exception {
        try (Publisher<Bool> estop = node.publisher("/estop", Bool.TYPE, true)) {
            estop.publish(new Bool(true));
            String csv = ros.run("rostopic", "echo", "-n", "1", "-p", "/estop");
            assertEquals("1", CsvEcho.field(csv, "field.data"), csv); // rostopic writes a bool True as 1
        }
    }

    private static String read(Process process) {
        try {
            return ros.output(process);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
