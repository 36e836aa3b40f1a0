package dev.chunker.job.remote;

import java.util.Map;

import dev.chunker.settings.ChunkerProperties.BrokerAddress;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/** Connections to the broker of remote mode, and the durable queue of partition requests on it. */
public final class BrokerConnections {

	private BrokerConnections() {
	}

	public static CachingConnectionFactory connect(BrokerAddress broker) {
		CachingConnectionFactory factory = new CachingConnectionFactory(broker.host(), broker.port());
		factory.setUsername(broker.user());
		factory.setPassword(broker.password());
		factory.setVirtualHost(broker.virtualHost());
		factory.setConnectionTimeout(5_000);
		// The manager waits for the broker's confirm of each request (PartitionRequestSender).
		factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		if (broker.tls()) {
			try {
				factory.getRabbitConnectionFactory().useSslProtocol();
			}
			catch (java.security.GeneralSecurityException ex) {
				throw new BrokerUnavailableException(broker, "TLS could not be set up: " + ex.getMessage(), ex);
			}
		}
		return factory;
	}

	/**
	 * Opens a connection and declares the request queue (durable, so requests survive a broker restart), or fails
	 * with one sentence naming the broker.
	 */
	public static void declareQueue(CachingConnectionFactory factory, BrokerAddress broker, String queue) {
		try (Connection connection = factory.createConnection();
				com.rabbitmq.client.Channel channel = connection.createChannel(false)) {
			channel.queueDeclare(queue, true, false, false, Map.of());
		}
		catch (AmqpException | java.io.IOException | java.util.concurrent.TimeoutException ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			throw new BrokerUnavailableException(broker, String.valueOf(root.getMessage()), ex);
		}
	}

	/** The broker of remote mode cannot be reached or refuses us. */
	public static final class BrokerUnavailableException extends IllegalStateException {

		BrokerUnavailableException(BrokerAddress broker, String reason, Throwable cause) {
			super("cannot reach the broker amqp://" + broker.user() + "@" + broker.host() + ":" + broker.port()
					+ broker.virtualHost().replaceFirst("^/?", "/") + ": " + reason, cause);
		}

	}

}
