package dev.vla4j.nodes.ros;

import static dev.vla4j.nodes.ros.LocalRosMaster.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.ros.msg.Bool;
import dev.vla4j.nodes.ros.msg.Header;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.StdString;
import dev.vla4j.nodes.ros.msg.Time;
import dev.vla4j.nodes.ros.msg.Twist;
import dev.vla4j.nodes.ros.msg.Vector3;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrong md5sums, broken frames and slow subscribers: refused or dropped with a logged reason, node unharmed. */
class RosNodeBadPeerTest {
    private static LocalRosMaster ros;
    private static RosNode node;
    private static final BlockingQueue<String> healthy = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        ros = LocalRosMaster.start();
        node = RosNode.start("/sturdy", ros.uri(), HOST, RosNodeOptions.DEFAULTS.withQueueSize(4));
        node.subscribe("/healthy", StdString.TYPE, message -> healthy.add(message.data()));
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

    /** The node still receives: a fresh message on /healthy from another node gets through. */
    private static void assertStillReceiving(String marker) throws Exception {
        try (RosNode talker = RosNode.start("/healthy_talker", ros.uri(), HOST);
             Publisher<StdString> publisher = talker.publisher("/healthy", StdString.TYPE, false);
             Repeater ignored = Repeater.every(50, () -> publisher.publish(new StdString(marker)))) {
            String got;
            do {
                got = healthy.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(got, "the node stopped receiving");
            } while (!got.equals(marker));
        }
    }

    @Test
    void aRospyPublisherRefusesOurWrongMd5AndWeLogWhy() throws Exception {
        try (CapturedLogs logs = new CapturedLogs();
             Subscriber<Bool> ignored = node.subscribe("/mixed", Bool.TYPE, message -> { })) {
            ros.launch("rostopic", "pub", "-r", "10", "/mixed", "std_msgs/String", "data: not a bool");
            // rospy's own wording: "topic types do not match: [std_msgs/Bool] vs. [std_msgs/String]"
            logs.await("not subscribing /mixed", "the publisher refused", "std_msgs/Bool", "std_msgs/String");
        }
        assertStillReceiving("after the md5 refusal");
    }

    @Test
    void aRospySubscriberWithTheWrongTypeGetsAnErrorHeaderAndEchoStillWorks() throws Exception {
        Path script = ros.home().resolve("wrong_type.py");
        Files.writeString(script, """
                import rospy
                from std_msgs.msg import Bool
                rospy.init_node('wrong_type')
                rospy.Subscriber('/typed', Bool, lambda m: print('GOT', m.data, flush=True))
                rospy.spin()
                """);
        try (CapturedLogs logs = new CapturedLogs();
             Publisher<StdString> publisher = node.publisher("/typed", StdString.TYPE, false);
             Repeater ignored = Repeater.every(100, () -> publisher.publish(new StdString("text")))) {
            Process wrong = ros.launch(LocalRosMaster.requireTool("/usr/bin/python3").toString(), script.toString());
            String line = logs.await("refused a subscriber of /typed", "Client [/wrong_type]",
                    "std_msgs/Bool/8b94c1b53db61fb6aed406028ad6332a", "Dropping connection.");
            assertTrue(line.contains("our version has [std_msgs/String/992ce8a1687cec8c8bd883ec73ca41d1]"), line);
            String csv = ros.run("rostopic", "echo", "-n", "1", "-p", "/typed");
            assertEquals("text", CsvEcho.field(csv, "field.data"), csv);
            assertTrue(!ros.output(wrong).contains("GOT"), ros.output(wrong));
        }
    }

    @Test
    void garbageTruncatedAndOversizedFramesAreDroppedAndTheNodeKeepsRunning() throws Exception {
        Twist good = new Twist(new Vector3(1, 0, 0), Vector3.ZERO);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(TcpRos.frame(new byte[] {1, 2, 3}));                  // framed garbage: dropped
        first.writeBytes(TcpRos.frame(Twist.TYPE.serialize(good)));            // then a good frame: delivered
        first.writeBytes(new byte[] {48, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // 48 announced, 10 sent
        byte[] oversized = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3, 4};
        BlockingQueue<Twist> received = new LinkedBlockingQueue<>();
        try (CapturedLogs logs = new CapturedLogs();
             Subscriber<Twist> ignored = node.subscribe("/rogue_cmd", Twist.TYPE, received::add);
             RoguePublisher rogue = new RoguePublisher(ros, "/rogue_cmd", Twist.TYPE.name(), Twist.TYPE.md5(),
                     List.of(first.toByteArray(), oversized))) {
            assertEquals(good, received.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS));
            logs.await("dropped a malformed frame on /rogue_cmd", "geometry_msgs/Twist");
            logs.await("/rogue_cmd", "connection closed after 10 of the 48 bytes", "truncated");
            logs.await("/rogue_cmd", "claims 2147483647 bytes, over the limit of 67108864");
        }
        assertStillReceiving("after the rogue publisher");
    }

    @Test
    void aSlowSubscriberLosesTheOldestFramesWithoutBlockingThePublisher() throws Exception {
        int published = 200;
        try (Publisher<Image> publisher = node.publisher("/big", Image.TYPE, false);
             Socket slow = connectAsSubscriber("/big", Image.TYPE.name(), Image.TYPE.md5())) {
            InputStream in = new BufferedInputStream(slow.getInputStream());
            Map<String, String> reply = TcpRos.readHeader(in);
            assertEquals(Image.TYPE.md5(), reply.get("md5sum"));
            assertEquals("0", reply.get("latching"));
            assertEquals(Image.TYPE.definition(), reply.get("message_definition"));
            LocalRosMaster.await("the slow subscriber to be connected", () -> publisher.subscriberCount() == 1);
            byte[] megabyte = new byte[1 << 20];
            for (int i = 0; i < published; i++) { // 200 MB to a subscriber that reads nothing yet
                publisher.publish(new Image(new Header(0, Time.now(), "cam"), 512, 682, "mono8", 0, 682, megabyte));
            }
            List<Integer> seqs = new ArrayList<>();
            while (seqs.isEmpty() || seqs.get(seqs.size() - 1) != published - 1) {
                seqs.add(Image.TYPE.deserialize(TcpRos.readFrame(in, 2 << 20, "test frame")).header().seq());
            }
            System.out.println("[vla4j] slow subscriber got " + seqs.size() + " of " + published + " frames: " + seqs);
            assertTrue(seqs.size() < published / 2, "the oldest frames should have been dropped: " + seqs);
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "frames out of order: " + seqs);
            }
        }
    }

    @Test
    void rosnodeInfoAndPingUseTheSlaveApi() throws Exception {
        try (Publisher<Bool> ignored = node.publisher("/info_topic", Bool.TYPE, true)) {
            String info = ros.run("rosnode", "info", "/sturdy");
            assertTrue(info.contains("/info_topic [std_msgs/Bool]"), info);
            assertTrue(info.contains(" * /healthy"), info); // its type shows as unknown while nobody publishes
            assertTrue(info.contains("Pid: " + ProcessHandle.current().pid()), info);
            String ping = ros.run("rosnode", "ping", "-c", "1", "/sturdy");
            assertTrue(ping.contains("reply from " + node.slaveUri()), ping);
        }
    }

    private static Socket connectAsSubscriber(String topic, String type, String md5) throws Exception {
        Object reply = new XmlRpcClient(node.slaveUri(), Duration.ofSeconds(5))
                .call("requestTopic", "/slow", topic, List.of(List.of("TCPROS")));
        List<?> protocol = (List<?>) ((List<?>) reply).get(2);
        Socket socket = new Socket((String) protocol.get(1), (Integer) protocol.get(2));
        Map<String, String> header = new LinkedHashMap<>();
        header.put("callerid", "/slow");
        header.put("topic", topic);
        header.put("type", type);
        header.put("md5sum", md5);
        socket.getOutputStream().write(TcpRos.encodeHeader(header));
        return socket;
    }
}
