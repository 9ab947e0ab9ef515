import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Prints the sum of a topic's end offsets: java -cp <kafka-clients> TopicEndOffsets.java <bootstrap> <topic>. */
public class TopicEndOffsets {
    public static void main(String[] args) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of("bootstrap.servers", args[0]),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(args[1]).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            long sum = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            System.out.println(sum);
        }
    }
}
