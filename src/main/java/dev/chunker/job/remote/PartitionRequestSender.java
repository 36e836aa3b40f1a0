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
 * JSON message on the request queue (through the default exchange), so a broker restart does not lose it, and the
 * broker confirms each before the next is sent (publisher confirms on a channel of its own).
 */
public final class PartitionRequestSender implements MessageChannel {

	private static final long CONFIRM_WAIT_MS = 30_000;

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
		org.springframework.amqp.core.Message body = new org.springframework.amqp.core.Message(PartitionRequestCodec.encode(request), properties);
		// Confirmed by the broker before the next one goes: a request the broker did not take fails the step now
		// (restartable), instead of leaving a partition no worker will ever hear of.
		this.template.invoke((operations) -> {
			operations.send("", this.queue, body);
			operations.waitForConfirmsOrDie(CONFIRM_WAIT_MS);
			return null;
		});
		return true;
	}

}
