import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordingFile;

/**
 * Folds the CPU samples of a JFR recording ({@code jdk.ExecutionSample}: threads running Java code, not threads
 * waiting in native code) into collapsed stacks, one line per distinct stack, root first: the input of flame graph
 * tools. Run with the JDK's source launcher, no build:
 * {@code java docs/profiling/JfrToCollapsed.java booking.jfr booking.collapsed}
 */
public class JfrToCollapsed {

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java JfrToCollapsed.java <recording.jfr> <output.collapsed>");
            System.exit(2);
        }
        Map<String, Integer> stacks = new HashMap<>();
        var samples = 0;
        for (var event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            var frames = new ArrayList<String>();
            for (var frame : event.getStackTrace().getFrames()) {
                var type = frame.getMethod().getType().getName();
                frames.add(type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName());
            }
            Collections.reverse(frames);
            stacks.merge(String.join(";", frames), 1, Integer::sum);
            samples++;
        }
        try (var out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            stacks.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(entry -> out.println(entry.getKey() + " " + entry.getValue()));
        }
        System.out.println(samples + " CPU samples in " + stacks.size() + " stacks -> " + args[1]);
    }
}
