package dev.vla4j.nodes.ros;

import static dev.vla4j.nodes.ros.LocalRosMaster.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vla4j.nodes.ros.msg.CompressedImage;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.StdString;
import dev.vla4j.nodes.ros.msg.Twist;
import dev.vla4j.nodes.ros.msg.Vector3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rospy publisher and subscriber (scripts run with /usr/bin/python3) and the roscpp topic_tools relay. */
class RospyAndRelayInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String RELAY = "/usr/lib/topic_tools/relay"; // Debian package topic-tools
    private static LocalRosMaster ros;
    private static RosNode node;

    @BeforeAll
    static void start() throws Exception {
        ros = LocalRosMaster.start();
        node = RosNode.start("/vla4j_py", ros.uri(), HOST);
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

    private static Process python(String name, String code) throws Exception {
        Path script = ros.home().resolve(name);
        Files.writeString(script, code);
        return ros.launch(LocalRosMaster.requireTool(PYTHON).toString(), script.toString());
    }

    @Test
    void aRospyPublisherOfImagesAndCompressedImagesReachesJava() throws Exception {
        BlockingQueue<Image> images = new LinkedBlockingQueue<>();
        BlockingQueue<CompressedImage> jpegs = new LinkedBlockingQueue<>();
        try (Subscriber<Image> raw = node.subscribe("/py/image", Image.TYPE, images::add);
             Subscriber<CompressedImage> compressed = node.subscribe("/py/compressed", CompressedImage.TYPE, jpegs::add)) {
            python("camera.py", """
                    import rospy
                    from sensor_msgs.msg import Image, CompressedImage
                    rospy.init_node('py_camera')
                    raw = rospy.Publisher('/py/image', Image, queue_size=2)
                    jpeg = rospy.Publisher('/py/compressed', CompressedImage, queue_size=2)
                    data = bytes(i % 251 for i in range(640 * 480 * 3))
                    rate = rospy.Rate(15)
                    while not rospy.is_shutdown():
                        image = Image(height=480, width=640, encoding='rgb8', step=1920, data=data)
                        image.header.frame_id = 'camera'
                        image.header.stamp = rospy.Time.now()
                        raw.publish(image)
                        jpeg.publish(CompressedImage(format='jpeg', data=b'\\xff\\xd8\\xff'))
                        rate.sleep()
                    """);
            Image image = images.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(image, "no Image from the rospy publisher");
            byte[] expected = new byte[640 * 480 * 3];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (byte) (i % 251);
            }
            assertEquals("camera", image.header().frameId());
            assertEquals(640, image.width());
            assertArrayEquals(expected, image.data());
            CompressedImage jpeg = jpegs.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(jpeg, "no CompressedImage from the rospy publisher");
            assertEquals("jpeg", jpeg.format());
            assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, jpeg.data());
        }
    }

    @Test
    void aRospySubscriberReceivesFromJava() throws Exception {
        try (Publisher<StdString> publisher = node.publisher("/py/chatter", StdString.TYPE, false);
             Repeater ignored = Repeater.every(100, () -> publisher.publish(new StdString("hello from java")))) {
            Process listener = python("listener.py", """
                    import rospy
                    from std_msgs.msg import String
                    def got(message):
                        print('GOT ' + message.data, flush=True)
                        rospy.signal_shutdown('done')
                    rospy.init_node('py_listener')
                    rospy.Subscriber('/py/chatter', String, got)
                    rospy.spin()
                    """);
            LocalRosMaster.await("the rospy listener to print the message", () -> {
                try {
                    return ros.output(listener).contains("GOT hello from java");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void theRoscppRelayForwardsJavaToJava() throws Exception {
        LocalRosMaster.requireTool(RELAY);
        BlockingQueue<Twist> relayed = new LinkedBlockingQueue<>();
        Twist twist = new Twist(new Vector3(0.25, 0, 0), new Vector3(0, 0, 1.5));
        try (Publisher<Twist> publisher = node.publisher("/relay_in", Twist.TYPE, false);
             Subscriber<Twist> subscriber = node.subscribe("/relay_out", Twist.TYPE, relayed::add);
             Repeater ignored = Repeater.every(100, () -> publisher.publish(twist))) {
            ros.launch(RELAY, "/relay_in", "/relay_out");
            assertEquals(twist, relayed.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
