package dev.chunker.job;

import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.chunker.settings.ChunkerProperties;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the real broker of the default settings: a partition request survives a consumer that took it and died
 * before acknowledging (it is redelivered, flagged so), which the takeover of a dead worker's partition relies on.
 */
class PartitionRequestBrokerTest {

	@Test
	void anUnacknowledgedRequestIsRedeliveredToTheNextConsumer() throws Exception {
		ChunkerProperties.BrokerAddress broker = ChunkerSettings.defaults().broker(System.getenv());
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(broker.host());
		factory.setPort(broker.port());
		factory.setUsername(broker.user());
		factory.setPassword(broker.password());
		factory.setVirtualHost(broker.virtualHost());
		String queue = "chunker.test." + UUID.randomUUID();
		Connection connection;
		try {
			connection = factory.newConnection();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("RabbitMQ does not answer at " + broker
					+ "; start it with 'rabbitmq-server -detached' (.ci/run does)", ex);
		}
		try (connection) {
			Channel producer = connection.createChannel();
			producer.queueDeclare(queue, false, false, true, null);
			producer.basicPublish("", queue, null, PartitionRequestCodec.encode(new StepExecutionRequest("worker:partition-0003", 42L)));
			Channel first = connection.createChannel();
			first.basicQos(1);
			GetResponse taken = first.basicGet(queue, false);
			assertThat(taken).isNotNull();
			assertThat(taken.getEnvelope().isRedeliver()).isFalse();
			first.close();
			Channel second = connection.createChannel();
			GetResponse again = second.basicGet(queue, false);
			assertThat(again).isNotNull();
			assertThat(again.getEnvelope().isRedeliver()).isTrue();
			StepExecutionRequest request = PartitionRequestCodec.decode(again.getBody());
			assertThat(request.getStepName()).isEqualTo("worker:partition-0003");
			assertThat(request.getStepExecutionId()).isEqualTo(42L);
			second.basicAck(again.getEnvelope().getDeliveryTag(), false);
			assertThat(second.basicGet(queue, false)).isNull();
			producer.queueDelete(queue);
		}
	}

	@Test
	void aBodyThatIsNotARequestIsRefused() {
		assertThatThrownBy(() -> PartitionRequestCodec.decode("{\"step_name\":\"x y\"}".getBytes()))
			.hasMessageStartingWith("not a partition request");
	}

}
