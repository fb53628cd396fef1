package dev.vla4j.policy.dataset;

import java.nio.file.Path;

/**
 * A child JVM for {@link CrashSafetyTest}: {@code record DIR} records the sample episodes forever, slowly,
 * announcing each frame and commit on stdout; {@code roundtrip DIR} writes three episodes and reads them back.
 */
public final class RecordingChild {
    private RecordingChild() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        if (args[0].equals("roundtrip")) {
            try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(folder, SampleEpisodes.spec())) {
                SampleEpisodes.record(writer, 3);
            }
            LeRobotDatasetReader reader = LeRobotDatasetReader.open(folder);
            System.out.println("read " + reader.frames().count() + " frames");
            try {
                Class.forName("org.apache.hadoop.conf.Configuration");
                System.out.println("hadoop present");
            } catch (ClassNotFoundException e) {
                System.out.println("hadoop absent");
            }
            return;
        }
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(folder, SampleEpisodes.spec())) {
            for (long e = 0; ; e++) {
                writer.beginEpisode(SampleEpisodes.task(e));
                int length = SampleEpisodes.length(e);
                for (int i = 0; i < length; i++) {
                    writer.addFrame(SampleEpisodes.frame(e, i, length));
                    System.out.println("frame " + e + " " + i);
                    Thread.sleep(5);
                }
                System.out.println("ending " + e);
                writer.endEpisode();
                System.out.println("committed " + e);
            }
        }
    }
}
