package dev.chunker.job.remote;

import dev.chunker.job.PartitionRequestCodec;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;

/**
 * The channel the manager's {@code MessageChannelPartitionHandler} sends its requests to: each becomes a persistent
 * JSON message on the request queue (through the default exchange), so a broker restart does not lose it.
 */
public final class PartitionRequestSender implements MessageChannel {

	private final RabbitTemplate template;

	private final String queue;

	public PartitionRequestSender(RabbitTemplate template, String queue) {
		this.template = template;
		this.queue = queue;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (!(message.getPayload() instanceof StepExecutionRequest request)) {
			throw new IllegalArgumentException("not a partition request: " + message.getPayload().getClass().getName());
		}
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		Object correlation = message.getHeaders().get(org.springframework.integration.IntegrationMessageHeaderAccessor.CORRELATION_ID);
		if (correlation != null) {
			properties.setCorrelationId(correlation.toString());
		}
		Object id = message.getHeaders().get(MessageHeaders.ID);
		if (id != null) {
			properties.setMessageId(id.toString());
		}
		this.template.send("", this.queue, new org.springframework.amqp.core.Message(PartitionRequestCodec.encode(request), properties));
		return true;
	}

}
